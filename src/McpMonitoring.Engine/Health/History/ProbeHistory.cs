using System.Threading.Channels;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Health.History;

/// <summary>
/// The hot-path side of probe history: results go into a bounded channel (drop-oldest, counted) that
/// <see cref="ProbeHistoryWriter"/> drains into the database in batches. Never blocks a probe.
/// </summary>
public sealed class ProbeHistory : IProbeResultSink
{
    private readonly Channel<PendingProbeResult> _channel;
    private long _dropped;
    private long _recorded;

    public ProbeHistory(IOptions<MonitoringOptions> options)
    {
        _channel = Channel.CreateBounded<PendingProbeResult>(
            new BoundedChannelOptions(options.Value.History.WriteBufferSize)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Results lost because the database could not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public long Recorded => Interlocked.Read(ref _recorded);

    public int Pending => _channel.Reader.Count;

    internal ChannelReader<PendingProbeResult> Reader => _channel.Reader;

    public void Record(TargetDefinition target, DateTimeOffset at, ProbeResult result)
    {
        Interlocked.Increment(ref _recorded);
        _channel.Writer.TryWrite(new PendingProbeResult(target.Name, at.ToUnixTimeMilliseconds(), result.Success, (float)result.Latency.TotalMilliseconds));
    }
}

internal readonly record struct PendingProbeResult(string Target, long AtMs, bool Success, float LatencyMs);
