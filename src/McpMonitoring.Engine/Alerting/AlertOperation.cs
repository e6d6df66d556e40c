namespace McpMonitoring.Engine.Alerting;

public enum AlertOperationOutcome
{
    Changed,
    Unchanged,
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>What an acknowledge or resolve did: the API maps it to 200 (changed or idempotent repeat), 404, 409 or 400.</summary>
public sealed record AlertOperation(AlertOperationOutcome Outcome, AlertSnapshot? Alert = null, string? Detail = null, string? Field = null)
{
    public static readonly AlertOperation NotFound = new(AlertOperationOutcome.NotFound);

    public static AlertOperation Changed(AlertSnapshot alert) => new(AlertOperationOutcome.Changed, alert);

    public static AlertOperation Unchanged(AlertSnapshot alert) => new(AlertOperationOutcome.Unchanged, alert);

    public static AlertOperation Conflict(string detail, AlertSnapshot alert) => new(AlertOperationOutcome.Conflict, alert, detail);

    public static AlertOperation Invalid(string field, string detail) => new(AlertOperationOutcome.Invalid, Detail: detail, Field: field);
}
