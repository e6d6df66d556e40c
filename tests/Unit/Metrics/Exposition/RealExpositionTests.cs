using System.Text;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Metrics.Exposition;

/// <summary>Expositions written by real exporters, not by hand.</summary>
public sealed class RealExpositionTests
{
    // Captured once from `prometheus-node-exporter --web.listen-address=127.0.0.1:19100` (Debian 12, version 1.5.0)
    // with curl /metrics, unmodified.
    private static readonly string NodeExporterFixture =
        Path.Combine(AppContext.BaseDirectory, "Metrics", "Exposition", "Fixtures", "node-exporter-1.5.0.prom");

    [Fact]
    public void NodeExporter_EverySampleAndFamilyParsed()
    {
        var text = File.ReadAllText(NodeExporterFixture);
        var lines = text.Split('\n');

        var records = ExpositionParser.ParseToList(text, ExpositionFormat.Prometheus004);

        var samples = records.Where(r => r.Kind == ExpositionRecordKind.Sample).ToList();
        Assert.Equal(lines.Count(l => l.Length > 0 && l[0] != '#'), samples.Count);
        Assert.Equal(lines.Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)), records.Count(r => r.Kind == ExpositionRecordKind.Type));
        Assert.Equal(lines.Count(l => l.StartsWith("# HELP ", StringComparison.Ordinal)), records.Count(r => r.Kind == ExpositionRecordKind.Help));
        Assert.True(samples.Count > 500, $"only {samples.Count} samples");

        // Every sample follows its own family's TYPE line there, so each one carries that type.
        var declared = MetricType.Untyped;
        foreach (var record in records)
        {
            if (record.Kind == ExpositionRecordKind.Type)
            {
                declared = record.Type;
            }
            else if (record.Kind == ExpositionRecordKind.Sample)
            {
                Assert.True(declared == record.Type, $"{record.Series}: {record.Type}, declared {declared}");
            }
        }

        var idle = samples.Single(s => s.Series == "node_cpu_seconds_total{cpu=\"0\",mode=\"idle\"}");
        Assert.Equal(2666.23, idle.Value);
        Assert.Equal(MetricType.Counter, idle.Type);
        Assert.Equal(
            ["0", "0.25", "0.5", "0.75", "1"],
            samples.Where(s => s.Name == "go_gc_duration_seconds").Select(s => s.Label("quantile")));
        Assert.Equal(
            "Debian GNU/Linux 12 (bookworm)",
            samples.Single(s => s.Name == "node_os_info").Label("pretty_name"));
    }

    [Fact]
    public void NodeExporter_ParsedWithAStructSink_AllocatesNothing()
    {
        var text = File.ReadAllBytes(NodeExporterFixture);
        var sink = new CountingSink();
        ExpositionParser.Parse(text, ExpositionFormat.Prometheus004, ref sink); // JIT and the family table's growth

        sink = new CountingSink();
        var before = GC.GetAllocatedBytesForCurrentThread();
        ExpositionParser.Parse(text, ExpositionFormat.Prometheus004, ref sink);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        var records = ExpositionParser.ParseToList(text, ExpositionFormat.Prometheus004);
        Assert.Equal(records.Count(r => r.Kind == ExpositionRecordKind.Sample), sink.Samples);
        Assert.Equal(records.Sum(r => r.Labels.Count), sink.Labels);
    }

    [Theory]
    [InlineData("text/plain; version=0.0.4")]
    [InlineData("application/openmetrics-text; version=1.0.0")]
    public async Task Console_OwnMetricsEndpoint_ParsedInTheFormatItAnswers(string accept)
    {
        // prometheus-net serves both formats; the console's own /metrics is a real producer of each.
        var ct = TestContext.Current.CancellationToken;
        await using var factory = new MonitoringAppFactory();
        var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        using var response = await client.SendAsync(request, ct);
        var body = await response.Content.ReadAsByteArrayAsync(ct);
        var format = ExpositionText.FormatOf(response.Content.Headers.ContentType?.ToString());

        Assert.Equal(accept.StartsWith("application/openmetrics-text", StringComparison.Ordinal) ? ExpositionFormat.OpenMetrics100 : ExpositionFormat.Prometheus004, format);
        var records = ExpositionParser.ParseToList(body, format);
        var samples = records.Where(r => r.Kind == ExpositionRecordKind.Sample).ToList();
        Assert.NotEmpty(samples);
        Assert.Contains(samples, s => s.Type == MetricType.Histogram && s.Name.EndsWith("_bucket", StringComparison.Ordinal));
        Assert.Contains(samples, s => s.Type == MetricType.Counter);
        var text = Encoding.UTF8.GetString(body);
        Assert.Equal(text.Split('\n').Count(l => l.Length > 0 && l[0] != '#'), samples.Count);
    }

    private struct CountingSink : IExpositionSink
    {
        public int Samples;
        public int Labels;

        public void OnType(ReadOnlySpan<byte> family, MetricType type)
        {
        }

        public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp)
        {
        }

        public void OnSample(in ParsedSample sample)
        {
            Samples++;
            foreach (var label in sample.Labels)
            {
                Labels += label.Name.Length > 0 ? 1 : 0;
            }
        }
    }
}
