namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// Read access to the current alerts for previews (which alerts would this silence match?). Implemented by the
/// alert service; suppression resolves it lazily, since the alert service itself depends on the evaluators.
/// </summary>
public interface IAlertLookup
{
    /// <summary>Snapshots of the alerts that are firing or acknowledged now.</summary>
    IReadOnlyList<AlertSnapshot> Active();
}
