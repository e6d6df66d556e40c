using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Components.Dialogs;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// Alerts, filtered and paged by the engine (<see cref="AlertService.Query"/>): only one page is rendered. The
/// Incidents tab groups open alerts by root cause. Alert changes reload both, throttled by the event stream.
/// </summary>
public sealed partial class Alerts : IDisposable
{
    /// <summary>Open alerts grouped into incidents at most; beyond that the tab says it is partial.</summary>
    public const int MaxIncidentAlerts = 1000;

    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly AlertTableQuery _filter = new();
    private MudTable<AlertSnapshot>? _table;
    private IDisposable? _subscription;
    private AlertCounts _counts = new(0, 0, 0, 0, new Dictionary<AlertSeverity, int>());
    private IReadOnlyList<AlertIncident> _incidents = [];
    private bool _incidentsTruncated;
    private int _total;
    private bool _ready;

    [SupplyParameterFromQuery(Name = "state")] public string? StateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "severity")] public string? SeverityParameter { get; set; }

    [SupplyParameterFromQuery(Name = "match")] public string? MatchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? SearchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "suppressed")] public bool? SuppressedParameter { get; set; }

    [Inject] public required AlertService AlertService { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnInitialized()
    {
        _filter.Apply(StateParameter, SeverityParameter, MatchParameter, SearchParameter, SuppressedParameter);
        RefreshSummary();
        _subscription = Events.Subscribe(EventTopics.Alerts | EventTopics.AlertConfiguration, () => InvokeAsync(ReloadAsync));
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

    private Task<TableData<AlertSnapshot>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        if (_filter.MatcherError is not null)
        {
            // Showing everything while the matcher is half typed would hide that it does not parse.
            _total = 0;
            return Task.FromResult(new TableData<AlertSnapshot> { Items = [], TotalItems = 0 });
        }

        var page = AlertService.Query(_filter.ToQuery(state));
        _total = page.Total;
        return Task.FromResult(new TableData<AlertSnapshot> { Items = page.Items, TotalItems = page.Total });
    }

    private void RefreshSummary()
    {
        _counts = AlertService.GetCounts();
        var open = AlertService.Query(new AlertQuery { States = AlertTableQuery.ActiveStates, Limit = MaxIncidentAlerts });
        _incidents = AlertIncident.Group(open.Items);
        _incidentsTruncated = open.Total > open.Items.Count;
    }

    private async Task ReloadAsync()
    {
        RefreshSummary();
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }

        StateHasChanged();
    }

    private Task FilterChangedAsync()
    {
        // A narrower filter may have fewer pages than the one shown: start again from the first.
        _table?.NavigateTo(0);
        return _table?.ReloadServerData() ?? Task.CompletedTask;
    }

    private Task OnStatesChanged(IEnumerable<AlertState>? states)
    {
        _filter.States = [.. states ?? []];
        return FilterChangedAsync();
    }

    private Task OnSeveritiesChanged(IReadOnlyCollection<AlertSeverity>? severities)
    {
        _filter.Severities = [.. severities ?? []];
        return FilterChangedAsync();
    }

    private Task OnMatchersChanged(string? text)
    {
        _filter.MatcherText = text;
        return FilterChangedAsync();
    }

    private Task OnSearchChanged(string? search)
    {
        _filter.Search = search;
        return FilterChangedAsync();
    }

    private Task OnShowSuppressedChanged(bool show)
    {
        _filter.ShowSuppressed = show;
        return FilterChangedAsync();
    }

    private async Task ActAsync(AlertSnapshot alert, AlertAction action)
    {
        if (await AlertActionDialog.ShowAsync(Dialogs, alert, action) is not null)
        {
            await ReloadAsync();
        }
    }

    private static string StatesText(IReadOnlyList<string> states) => states.Count == 0 ? "any" : string.Join(", ", states);

    internal static string DetailHref(long id) => $"/ui/alerts/{id}";

    public void Dispose() => _subscription?.Dispose();
}
