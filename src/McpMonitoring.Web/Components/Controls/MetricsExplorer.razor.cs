using MatchType = McpMonitoring.Engine.Alerting.MatchType;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// Pick a metric, narrow it with label matchers, choose range, rate and aggregation, and chart the result. The
/// selection lives in the URL (<see cref="MetricsSelection"/>); while the range ends at "now" the chart re-queries
/// after scrapes, at most every <see cref="RefreshInterval"/> (a busy scrape fleet must not mean a query per scrape).
/// </summary>
public sealed partial class MetricsExplorer : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private const int MaxMetricItems = 50;
    private const int MaxValueItems = 50;

    private MetricsSelection _selection = new();
    private string? _appliedQuery;
    private MetricInfo? _info;
    private IReadOnlyList<string> _labelNames = [];
    private int _metricCount;
    private QueryResult? _result;
    private MetricChartData? _chart;
    private string? _error;
    private bool _loading;
    private int _version;
    private CancellationTokenSource? _running;
    private IDisposable? _subscription;

    /// <summary>The selection the URL carries; a different one (a link, back/forward) replaces what is shown.</summary>
    [Parameter, EditorRequired] public required MetricsSelection Selection { get; set; }

    [Inject] public required TimeSeriesStore Store { get; init; }

    [Inject] public required MetricsQueryEngine Engine { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    private IEnumerable<string> RateWindowChoices =>
        _selection.RateWindow is { } current && !MetricsSelection.RateWindows.Contains(current)
            ? MetricsSelection.RateWindows.Append(current)
            : MetricsSelection.RateWindows;

    private bool RateWidened =>
        _selection.EffectiveRateWindow is { } effective && McpMonitoring.Engine.Configuration.Duration.TryParse(_selection.RateWindow, out var chosen) && effective > chosen;

    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.Scrapes | EventTopics.Metrics, () => InvokeAsync(LiveRefreshAsync), RefreshInterval);

    protected override async Task OnParametersSetAsync()
    {
        var incoming = Selection.ToQueryString();
        if (incoming == _appliedQuery)
        {
            return; // our own URL update coming back, or an unrelated re-render
        }

        _appliedQuery = incoming;
        _selection = Selection.Clone();
        LoadMetricInfo();
        await RunAsync(showLoading: true);
    }

    private void LoadMetricInfo()
    {
        _metricCount = Store.MetricNames().Count;
        if (_selection.Metric is { } metric)
        {
            _info = MetricInfo.Describe(Store, metric);
            _labelNames = [.. Store.LabelNames(metric).Where(l => l != LabelSet.MetricNameLabel)];
        }
        else
        {
            _info = null;
            _labelNames = [];
        }
    }

    private MetricInfo? Describe(string name) => MetricInfo.Describe(Store, name);

    private Task<IEnumerable<string>> SearchMetricsAsync(string? text, CancellationToken cancellationToken)
    {
        var names = Store.MetricNames();
        _metricCount = names.Count;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Task.FromResult<IEnumerable<string>>(names);
        }

        var term = text.Trim();
        // Names that start with what was typed first, then those that merely contain it.
        IEnumerable<string> found = names
            .Where(n => n.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n.StartsWith(term, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(n => n, StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    private Task<IEnumerable<string>> SearchValuesAsync(LabelMatcherRow row, string? text, CancellationToken cancellationToken)
    {
        if (_selection.Metric is null || row.Label is null)
        {
            return Task.FromResult<IEnumerable<string>>([]);
        }

        var values = Store.LabelValues(_selection.Metric, row.Label);
        return Task.FromResult(string.IsNullOrEmpty(text) || values.Contains(text)
            ? values
            : values.Where(v => v.Contains(text, StringComparison.OrdinalIgnoreCase)));
    }

    private async Task OnMetricChanged(string? metric)
    {
        metric = string.IsNullOrWhiteSpace(metric) ? null : metric.Trim();
        if (metric == _selection.Metric)
        {
            return;
        }

        _selection.Metric = metric;
        LoadMetricInfo();
        // Counters only grow: their rate is what an operator wants to see first.
        _selection.RateWindow = _info?.SuggestsRate == true ? _selection.RateWindow ?? MetricsSelection.DefaultRateWindow : null;
        _selection.By = [.. _selection.By.Where(_labelNames.Contains)];
        await ApplyAsync();
    }

    private void AddMatcher() => _selection.Matchers.Add(new LabelMatcherRow());

    private async Task RemoveMatcherAsync(LabelMatcherRow row)
    {
        _selection.Matchers.Remove(row);
        if (row.IsComplete)
        {
            await ApplyAsync();
        }
    }

    private async Task SetLabelAsync(LabelMatcherRow row, string? label)
    {
        var wasComplete = row.IsComplete;
        row.Label = label;
        row.Value = null;
        if (wasComplete)
        {
            await ApplyAsync();
        }
    }

    private async Task SetTypeAsync(LabelMatcherRow row, MatchType type)
    {
        row.Type = type;
        if (row.IsComplete)
        {
            await ApplyAsync();
        }
    }

    private async Task SetValueAsync(LabelMatcherRow row, string? value)
    {
        if (value == row.Value)
        {
            return;
        }

        row.Value = value;
        await ApplyAsync();
    }

    private Task SelectRangeAsync(ChartRange range)
    {
        _selection.Range = range;
        return ApplyAsync();
    }

    private Task PauseAsync()
    {
        _selection.End = Time.GetUtcNow();
        return ApplyAsync();
    }

    private Task ResumeAsync()
    {
        _selection.End = null;
        return ApplyAsync();
    }

    private Task OnRateToggledAsync(bool on)
    {
        _selection.RateWindow = on ? MetricsSelection.DefaultRateWindow : null;
        return ApplyAsync();
    }

    private Task OnRateWindowChangedAsync(string window)
    {
        _selection.RateWindow = window;
        return ApplyAsync();
    }

    private Task OnAggregationChangedAsync(Aggregation aggregation)
    {
        _selection.Aggregation = aggregation;
        if (aggregation == Aggregation.None)
        {
            _selection.By = [];
        }

        return ApplyAsync();
    }

    private Task OnByChangedAsync(IEnumerable<string>? labels)
    {
        _selection.By = [.. labels ?? []];
        return ApplyAsync();
    }

    /// <summary>Writes the selection into the URL (replacing the entry: every tweak is not a step back) and queries.</summary>
    private async Task ApplyAsync()
    {
        _appliedQuery = _selection.ToQueryString();
        Navigation.NavigateTo(_selection.Href(), new NavigationOptions { ReplaceHistoryEntry = true });
        await RunAsync(showLoading: true);
    }

    private async Task LiveRefreshAsync()
    {
        if (_selection.Metric is null)
        {
            _metricCount = Store.MetricNames().Count;
            StateHasChanged();
        }
        else if (_selection.IsLive && !_loading)
        {
            await RunAsync(showLoading: false);
        }
    }

    private async Task RunAsync(bool showLoading)
    {
        var version = ++_version;
        if (_running is { } previous)
        {
            await previous.CancelAsync();
            previous.Dispose();
        }

        _running = new CancellationTokenSource();
        var token = _running.Token;
        var query = _selection.ToQuery(Time.GetUtcNow(), out var matcherError);
        _error = matcherError;
        if (query is null)
        {
            _result = null;
            _chart = null;
            _loading = false;
            StateHasChanged();
            return;
        }

        if (showLoading)
        {
            _loading = true;
            StateHasChanged();
        }

        try
        {
            var result = await Engine.ExecuteAsync(query, token);
            if (version != _version)
            {
                return; // a newer selection was queried meanwhile
            }

            _result = result;
            _chart = MetricChartData.From(result, query);
            _error = null;
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            if (version != _version)
            {
                return;
            }

            _result = null;
            _chart = null;
            _error = $"The query failed: {ex.Message}";
        }
        finally
        {
            if (version == _version)
            {
                _loading = false;
            }
        }

        StateHasChanged();
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _running?.Cancel();
        _running?.Dispose();
    }
}
