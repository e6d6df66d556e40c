using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using McpMonitoring.Engine.Metrics.Exposition;

namespace McpMonitoring.Bench;

/// <summary>
/// The exposition parser over a whole scrape body: <c>Synthetic1MB</c> is a deterministic node-exporter-like text of
/// about 1 MB (<see cref="SyntheticExposition"/>), <c>NodeExporter</c> the 57 KB capture of a real node exporter
/// 1.5.0 the unit tests use. One operation parses the whole text into a counting sink; the Samples/s column divides
/// the sample count by the mean.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ColumnsConfig))]
public class ExpositionParserBenchmarks
{
    private byte[] _text = [];

    [Params("Synthetic1MB", "NodeExporter")]
    public string Input { get; set; } = "";

    [GlobalSetup]
    public void Setup() => _text = Load(Input);

    /// <summary>What a scrape loop that only needs name, value and timestamp pays.</summary>
    [Benchmark(Baseline = true)]
    public int Parse()
    {
        var sink = new CountingSink();
        ExpositionParser.Parse(_text, ExpositionFormat.Prometheus004, ref sink);
        return sink.Samples;
    }

    /// <summary>Plus a walk over every label (name and escaped value spans), as a series-cache lookup would do.</summary>
    [Benchmark]
    public int ParseAndEnumerateLabels()
    {
        var sink = new LabelWalkingSink();
        ExpositionParser.Parse(_text, ExpositionFormat.Prometheus004, ref sink);
        return sink.Samples + sink.LabelBytes;
    }

    public static byte[] Load(string input) => input switch
    {
        "Synthetic1MB" => SyntheticExposition.Generate(1_000_000),
        "NodeExporter" => ReadResource("node-exporter.prom"),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, null),
    };

    private static byte[] ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"resource {name} missing");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    private struct CountingSink : IExpositionSink
    {
        public int Samples;

        public void OnType(ReadOnlySpan<byte> family, MetricType type)
        {
        }

        public void OnHelp(ReadOnlySpan<byte> family, ReadOnlySpan<byte> escapedHelp)
        {
        }

        public void OnSample(in ParsedSample sample) => Samples++;
    }

    private struct LabelWalkingSink : IExpositionSink
    {
        public int Samples;
        public int LabelBytes;

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
                LabelBytes += label.Name.Length + label.EscapedValue.Length;
            }
        }
    }

    private sealed class ColumnsConfig : ManualConfig
    {
        public ColumnsConfig() => AddColumn(new SamplesColumn(), new SamplesPerSecondColumn());
    }

    /// <summary>Sample lines in the input (counted in the host process from the same deterministic input).</summary>
    private sealed class SamplesColumn : IColumn
    {
        public string Id => nameof(SamplesColumn);
        public string ColumnName => "Samples";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Sample lines in the parsed text";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
            SampleCount(benchmarkCase).ToString("N0", CultureInfo.InvariantCulture);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;

        internal static int SampleCount(BenchmarkCase benchmarkCase)
        {
            var input = (string)benchmarkCase.Parameters["Input"];
            return SyntheticExposition.CountSamples(Load(input));
        }
    }

    private sealed class SamplesPerSecondColumn : IColumn
    {
        public string Id => nameof(SamplesPerSecondColumn);
        public string ColumnName => "Samples/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 1;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Sample lines divided by the mean time of one parse";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
            return mean is null or 0
                ? "-"
                : (SamplesColumn.SampleCount(benchmarkCase) / (mean.Value / 1e9)).ToString("N0", CultureInfo.InvariantCulture);
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
