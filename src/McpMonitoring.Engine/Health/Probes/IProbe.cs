namespace McpMonitoring.Engine.Health.Probes;

/// <summary>Checks one kind of target. Implementations are singletons shared by all targets of their kind.</summary>
/// <remarks>
/// A probe never throws for a target failure: it returns <see cref="ProbeResult.Fail"/> with a message an
/// operator can act on. The token fires at the target's timeout or at shutdown.
/// </remarks>
public interface IProbe
{
    TargetKind Kind { get; }

    Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken);

    /// <summary>Releases anything kept open for a target (an MCP session, a spawned process).</summary>
    ValueTask ForgetAsync(string targetName) => ValueTask.CompletedTask;
}
