namespace McpMonitoring.Engine.Audit;

/// <summary>One change to record: who did what to which subject. <paramref name="Detail"/> is free text or JSON (before/after).</summary>
public sealed record AuditRecord(string Actor, string Action, string SubjectKind, string SubjectId, string? Detail = null);

/// <summary>A recorded change, as the API and pages show it.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string SubjectKind, string SubjectId, string? Detail);

/// <summary>Which audit entries to read; every field is optional and they combine with AND.</summary>
public sealed record AuditFilter(string? SubjectKind = null, string? SubjectId = null, string? Actor = null, string? Action = null);

/// <summary>One page of a list plus the total count, so clients can page server-side.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int Total, int Offset, int Limit);

/// <summary>Well-known actors.</summary>
public static class AuditActors
{
    /// <summary>Changes made by the console itself (config seeding, pruning).</summary>
    public const string System = "system";

    /// <summary>Callers when no API key is configured.</summary>
    public const string Anonymous = "anonymous";
}
