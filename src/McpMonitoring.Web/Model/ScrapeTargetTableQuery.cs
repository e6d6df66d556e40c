using McpMonitoring.Engine.Metrics.Scraping;
using MudBlazor;

namespace McpMonitoring.Web.Model;

/// <summary>The scrape targets panel's filters; turns the table's paging and sort state into one page of targets.</summary>
public sealed class ScrapeTargetTableQuery
{
    public string? Job { get; set; }

    public ScrapeHealth? Health { get; set; }

    public string? Search { get; set; }

    public bool IsFiltered => Job is not null || Health is not null || !string.IsNullOrWhiteSpace(Search);

    /// <summary>Reads the filters a link carries (the Overview's scrape health card links here with health=down).</summary>
    public void Apply(string? job, string? health)
    {
        Job = string.IsNullOrWhiteSpace(job) ? null : job;
        Health = Enum.TryParse<ScrapeHealth>(health, true, out var h) && !int.TryParse(health, out _) ? h : null;
    }

    /// <summary>The query string for these filters (without '?'), empty when unfiltered.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        if (Job is not null)
        {
            parts.Add($"job={Uri.EscapeDataString(Job)}");
        }

        if (Health is { } health)
        {
            parts.Add($"health={health.ToString().ToLowerInvariant()}");
        }

        return string.Join('&', parts);
    }

    public static string Href(ScrapeHealth? health = null) =>
        health is { } h ? $"/ui/metrics/targets?health={h.ToString().ToLowerInvariant()}" : "/ui/metrics/targets";

    public (IReadOnlyList<ScrapeTargetStatus> Items, int Total) Page(IReadOnlyList<ScrapeTargetStatus> all, TableState state)
    {
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var filtered = all
            .Where(t => Job is null || t.Target.Job == Job)
            .Where(t => Health is null || t.Health == Health)
            .Where(t => search is null
                || t.Target.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || t.Target.Url.ToString().Contains(search, StringComparison.OrdinalIgnoreCase));
        var descending = state.SortDirection == SortDirection.Descending;
        filtered = state.SortLabel switch
        {
            "health" => Order(filtered, t => t.Health switch { ScrapeHealth.Down => 0, ScrapeHealth.Unknown => 1, _ => 2 }, descending),
            "job" => Order(filtered, t => t.Target.Job, descending),
            "lastScrape" => Order(filtered, t => t.LastScrape ?? DateTimeOffset.MinValue, descending),
            "duration" => Order(filtered, t => t.LastDurationSeconds ?? -1, descending),
            _ => Order(filtered, t => t.Target.Name, descending),
        };
        var list = filtered.ToList();
        return ([.. list.Skip(state.Page * state.PageSize).Take(state.PageSize)], list.Count);
    }

    private static IOrderedEnumerable<ScrapeTargetStatus> Order<TKey>(IEnumerable<ScrapeTargetStatus> items, Func<ScrapeTargetStatus, TKey> key, bool descending)
    {
        var ordered = descending ? items.OrderByDescending(key) : items.OrderBy(key);
        return ordered.ThenBy(t => t.Target.Name, StringComparer.Ordinal);
    }
}
