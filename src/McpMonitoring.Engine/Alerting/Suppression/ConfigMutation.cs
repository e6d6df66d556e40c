namespace McpMonitoring.Engine.Alerting.Suppression;

public enum ConfigMutationOutcome
{
    Ok,
    Created,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>The result of a create, update or delete of a silence, window or rule: what the API turns into 200/201/404/400/409.</summary>
public sealed record ConfigMutation<T>(
    ConfigMutationOutcome Outcome,
    T? Value = default,
    IDictionary<string, string[]>? Errors = null,
    string? Detail = null)
{
    public static ConfigMutation<T> Invalid(IDictionary<string, string[]> errors) => new(ConfigMutationOutcome.Invalid, Errors: errors);

    public static ConfigMutation<T> Invalid(string key, string message) =>
        new(ConfigMutationOutcome.Invalid, Errors: new Dictionary<string, string[]> { [key] = [message] });

    public static ConfigMutation<T> Conflict(string detail) => new(ConfigMutationOutcome.Conflict, Detail: detail);

    public static readonly ConfigMutation<T> NotFound = new(ConfigMutationOutcome.NotFound);
}

/// <summary>Subject kinds in the audit log and <c>AlertConfigurationChanged.Kind</c>.</summary>
public static class SuppressionSubjects
{
    public const string Silence = "silence";
    public const string MaintenanceWindow = "maintenanceWindow";
    public const string InhibitionRule = "inhibitionRule";
}
