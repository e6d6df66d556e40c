namespace McpMonitoring.Engine.Health;

public enum TargetMutationOutcome
{
    Ok,
    Created,
    NotFound,
    Invalid,
    Conflict,
}

/// <summary>The result of a create, update or delete: what the API turns into 200/201/404/400/409.</summary>
public sealed record TargetMutation(
    TargetMutationOutcome Outcome,
    TargetDefinition? Target = null,
    IDictionary<string, string[]>? Errors = null,
    string? Detail = null)
{
    public static TargetMutation Invalid(string key, string message) =>
        new(TargetMutationOutcome.Invalid, Errors: new Dictionary<string, string[]> { [key] = [message] });

    public static TargetMutation Conflict(string detail) => new(TargetMutationOutcome.Conflict, Detail: detail);

    public static readonly TargetMutation NotFound = new(TargetMutationOutcome.NotFound);
}
