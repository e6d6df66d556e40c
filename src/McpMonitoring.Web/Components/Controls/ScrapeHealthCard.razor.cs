using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Streaming;
using Microsoft.AspNetCore.Components;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// The Overview's scrape health: up/down/unknown counts and the down targets with their error, linking to the
/// targets panel. Every scrape may change a count, so it re-reads at most every <see cref="RefreshInterval"/>.
/// </summary>
public sealed partial class ScrapeHealthCard : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);

    /// <summary>Down targets listed by name; the rest are counted.</summary>
    public const int MaxDownListed = 5;

    private Dictionary<ScrapeHealth, int> _counts = [];
    private IReadOnlyList<ScrapeTargetStatus> _down = [];
    private int _downTotal;
    private int _total;
    private IDisposable? _subscription;

    [Inject] public required ScrapeTargetService Targets { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    protected override void OnInitialized()
    {
        Refresh();
        _subscription = Events.Subscribe(EventTopics.Metrics | EventTopics.Scrapes, () => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }), RefreshInterval);
    }

    private void Refresh()
    {
        var all = Targets.GetAll();
        _total = all.Count;
        _counts = all.GroupBy(t => t.Health).ToDictionary(g => g.Key, g => g.Count());
        var down = all.Where(t => t.Health == ScrapeHealth.Down).ToList();
        _downTotal = down.Count;
        _down = [.. down.OrderByDescending(t => t.LastScrape).Take(MaxDownListed)];
    }

    private IEnumerable<(ScrapeHealth Health, int Count)> Counts() =>
        [(ScrapeHealth.Up, _counts.GetValueOrDefault(ScrapeHealth.Up)), (ScrapeHealth.Down, _counts.GetValueOrDefault(ScrapeHealth.Down)),
         (ScrapeHealth.Unknown, _counts.GetValueOrDefault(ScrapeHealth.Unknown))];

    public void Dispose() => _subscription?.Dispose();
}
