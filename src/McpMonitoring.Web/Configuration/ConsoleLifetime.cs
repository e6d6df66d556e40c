namespace McpMonitoring.Web;

/// <summary>When this console process started (for uptime), read from the injected clock.</summary>
public sealed class ConsoleLifetime(TimeProvider time)
{
    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();
}
