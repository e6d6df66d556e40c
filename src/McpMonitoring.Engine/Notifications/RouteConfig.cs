namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// One node of the routing tree, in Alertmanager's shape (snake_case in YAML, camelCase in JSON). Durations are
/// Prometheus strings ("30s", "5m", "4h") kept as written so an operator reads back what they wrote; unset values
/// are inherited from the parent, as in Alertmanager. <c>escalate_after</c>/<c>escalate_to</c> are this console's
/// addition: an alert left unacknowledged that long is also sent to another receiver.
/// </summary>
public sealed class RouteConfig
{
    public string? Receiver { get; set; }

    /// <summary>Alertmanager matchers such as <c>team="db"</c> or <c>severity=~"CRITICAL|EMERGENCY"</c>; all must hold.</summary>
    public List<string>? Matchers { get; set; }

    /// <summary>Label names whose values split alerts into groups; <c>...</c> alone groups by every label.</summary>
    public List<string>? GroupBy { get; set; }

    public string? GroupWait { get; set; }

    public string? GroupInterval { get; set; }

    public string? RepeatInterval { get; set; }

    /// <summary>Keep looking at later siblings after this route matched.</summary>
    public bool Continue { get; set; }

    public string? EscalateAfter { get; set; }

    public string? EscalateTo { get; set; }

    public List<RouteConfig>? Routes { get; set; }
}
