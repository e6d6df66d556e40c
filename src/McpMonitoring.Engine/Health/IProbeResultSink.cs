namespace McpMonitoring.Engine.Health;

/// <summary>Receives every probe result for history. Must return at once: the probe hot path never waits for storage.</summary>
public interface IProbeResultSink
{
    void Record(TargetDefinition target, DateTimeOffset at, ProbeResult result);

    /// <summary>The target is gone: drop what is kept for it.</summary>
    void Forget(string target)
    {
    }
}
