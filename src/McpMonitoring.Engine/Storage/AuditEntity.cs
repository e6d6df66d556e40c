namespace McpMonitoring.Engine.Storage;

/// <summary>One row of the audit log: who changed what, when.</summary>
public sealed class AuditEntity
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Actor { get; set; }

    public required string Action { get; set; }

    public required string SubjectKind { get; set; }

    public required string SubjectId { get; set; }

    public string? Detail { get; set; }
}
