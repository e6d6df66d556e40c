namespace McpMonitoring.Engine.Storage;

/// <summary>How alert states are stored (integers, stable across renames of the enum members).</summary>
internal enum AlertStateColumn
{
    Pending = 0,
    Firing = 1,
    Acknowledged = 2,
    Resolved = 3,
}
