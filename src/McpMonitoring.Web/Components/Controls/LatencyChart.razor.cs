using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// Average and worst latency of one target over a chosen range, with failed probes as a shaded step area, drawn by
/// apexcharts through <c>mcpmon.charts</c>. Reloads itself when probe results arrive, at most every
/// <see cref="RefreshInterval"/> (history is aggregated in SQL; a busy fleet must not mean a query per result).
/// </summary>
public sealed partial class LatencyChart : IAsyncDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(2);
    private const int MaxPoints = 240;

    private readonly string _elementId = $"latency-{Guid.NewGuid():N}";
    private IReadOnlyList<LatencyPoint> _points = [];
    private ChartRange _range = ChartRange.All[0];
    private DateTimeOffset _from;
    private DateTimeOffset _to;
    private IDisposable? _subscription;
    private string? _loadedFor;
    private bool _loaded;
    private bool _drawn;
    private bool _redraw;
    private bool _renderedDark;

    [Parameter, EditorRequired] public required string Target { get; set; }

    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; } = true;

    [Inject] public required ProbeHistoryQuery History { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.ProbeResults, () => InvokeAsync(LoadAsync), RefreshInterval);

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor != Target || _renderedDark != DarkMode)
        {
            _loadedFor = Target;
            _drawn = false;
            await LoadAsync();
        }
    }

    private async Task SelectRangeAsync(ChartRange range)
    {
        _range = range;
        _drawn = false;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _to = Time.GetUtcNow();
        _from = _to - _range.Span;
        try
        {
            _points = await History.GetLatencyAsync(Target, _from, _to, MaxPoints, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // History is a secondary feature: a locked or missing database leaves the chart empty, not the page broken.
            _points = [];
        }

        _loaded = true;
        _redraw = true;
        StateHasChanged();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_redraw)
        {
            return;
        }

        _redraw = false;
        try
        {
            if (_points.Count == 0)
            {
                // Nothing to draw; the element stays hidden so a later first point redraws with fresh axes.
                _drawn = false;
            }
            else if (_drawn)
            {
                await JS.InvokeAsync<bool>("mcpmon.charts.update", _elementId, LatencyChartOptions.Series(_points), new { xaxis = LatencyChartOptions.XAxis(_from, _to) });
            }
            else
            {
                _renderedDark = DarkMode;
                _drawn = await JS.InvokeAsync<bool>("mcpmon.charts.render", _elementId, LatencyChartOptions.Create(_points, _from, _to, DarkMode));
            }
        }
        catch (JSDisconnectedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (!_drawn)
        {
            return; // never drawn (prerendering, or no data yet): nothing to destroy, and no JS to call
        }

        try
        {
            await JS.InvokeVoidAsync("mcpmon.charts.destroy", _elementId);
        }
        catch (JSDisconnectedException)
        {
        }
    }
}
