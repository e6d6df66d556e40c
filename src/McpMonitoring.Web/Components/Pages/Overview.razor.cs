using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace McpMonitoring.Web.Components.Pages;

public sealed partial class Overview : IDisposable
{
    /// <summary>Tiles shown at most; a 100k fleet shows counts plus its most urgent targets.</summary>
    public const int MaxTiles = 120;

    private HealthCounts _counts = new(0, 0, 0, 0, 0, 0);
    private IReadOnlyList<TargetState> _tiles = [];
    private IReadOnlyList<TargetStatusChanged> _changes = [];
    private AlertCounts _alertCounts = new(0, 0, 0, 0, new Dictionary<AlertSeverity, int>());
    private IDisposable? _subscription;
    private bool _loaded;
    private bool _hasDemo;
    private bool _ready;

    [Inject] public required HealthMonitor Monitor { get; init; }

    [Inject] public required AlertService AlertService { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnInitialized()
    {
        Refresh();
        _subscription = Events.Subscribe(EventTopics.All, () => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }));
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await TimeZone.InitializeAsync(JS);
            _ready = true;
            StateHasChanged();
        }
    }

    private void Refresh()
    {
        _counts = Monitor.GetCounts();
        _tiles = Monitor.Query(new TargetQuery { Sort = TargetSort.Status, Descending = true, Limit = MaxTiles }).Items;
        _changes = Monitor.GetRecentChanges(15);
        _alertCounts = AlertService.GetCounts();
        _hasDemo = Monitor.TryGetRuntime(DemoFleet.Database, out var demo) && demo.Source == TargetSource.Demo;
        _loaded = true;
    }

    private IEnumerable<(string Label, int Count, HealthStatus? Status)> Tiles() =>
    [
        ("Total", _counts.Total, null),
        ("Healthy", _counts.Healthy, HealthStatus.Healthy),
        ("Degraded", _counts.Degraded, HealthStatus.Degraded),
        ("Unhealthy", _counts.Unhealthy, HealthStatus.Unhealthy),
        ("Impacted", _counts.Impacted, HealthStatus.Impacted),
        ("Unknown", _counts.Unknown, HealthStatus.Unknown),
    ];

    /// <summary>Firing and acknowledged alerts (pending ones are not open yet).</summary>
    private int OpenAlerts => _alertCounts.Firing + _alertCounts.Acknowledged;

    internal static string FormatLatency(double? ms) => ms switch
    {
        null => "–",
        < 1 => $"{ms:0.00} ms",
        < 1000 => $"{ms:0} ms",
        _ => $"{ms / 1000:0.00} s",
    };

    public void Dispose() => _subscription?.Dispose();
}
