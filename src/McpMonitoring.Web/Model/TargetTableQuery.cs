using McpMonitoring.Engine.Health;
using MudBlazor;

namespace McpMonitoring.Web.Model;

/// <summary>The Health page's filters; turns the table's paging and sort state into one engine query.</summary>
public sealed class TargetTableQuery
{
    public string? Search { get; set; }

    public HealthStatus? Status { get; set; }

    public TargetKind? Kind { get; set; }

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || Status is not null || Kind is not null;

    public TargetQuery ToQuery(TableState state) => new()
    {
        Search = Search,
        Status = Status,
        Kind = Kind,
        Sort = state.SortLabel switch
        {
            "status" => TargetSort.Status,
            "kind" => TargetSort.Kind,
            "latency" => TargetSort.Latency,
            "lastChecked" => TargetSort.LastChecked,
            _ => TargetSort.Name,
        },
        Descending = state.SortDirection == SortDirection.Descending,
        Offset = state.Page * state.PageSize,
        Limit = state.PageSize,
    };
}
