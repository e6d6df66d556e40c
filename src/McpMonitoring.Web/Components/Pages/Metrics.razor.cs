using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// Metrics: the explorer (/ui/metrics, its selection in the query string) and the scrape targets
/// (/ui/metrics/targets?job=&amp;health=). Both tabs are addressable, so the Overview and shared links open either.
/// </summary>
public sealed partial class Metrics
{
    public const string TargetsPath = "/ui/metrics/targets";

    private MetricsSelection _selection = new();
    private string _explorerHref = "/ui/metrics";
    private bool _targetsTab;
    private bool _ready;

    [SupplyParameterFromQuery(Name = "metric")] public string? MetricParameter { get; set; }

    [SupplyParameterFromQuery(Name = "match")] public string? MatchParameter { get; set; }

    [SupplyParameterFromQuery(Name = "range")] public string? RangeParameter { get; set; }

    [SupplyParameterFromQuery(Name = "rate")] public string? RateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "aggregate")] public string? AggregateParameter { get; set; }

    [SupplyParameterFromQuery(Name = "by")] public string? ByParameter { get; set; }

    [SupplyParameterFromQuery(Name = "end")] public string? EndParameter { get; set; }

    [SupplyParameterFromQuery(Name = "job")] public string? JobParameter { get; set; }

    [SupplyParameterFromQuery(Name = "health")] public string? HealthParameter { get; set; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnParametersSet()
    {
        var path = "/" + Navigation.ToBaseRelativePath(Navigation.Uri).Split('?', '#')[0].TrimEnd('/');
        _targetsTab = path.Equals(TargetsPath, StringComparison.OrdinalIgnoreCase);
        if (!_targetsTab)
        {
            _selection = MetricsSelection.Parse(MetricParameter, MatchParameter, RangeParameter, RateParameter, AggregateParameter, ByParameter, EndParameter);
            _explorerHref = _selection.Href();
        }
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

    /// <summary>Only from a click on a tab header: MudTabs also reports index changes while it adds and removes panels.</summary>
    private void ShowTab(bool targets)
    {
        if (targets != _targetsTab)
        {
            // The explorer keeps its selection for the way back within this visit.
            Navigation.NavigateTo(targets ? TargetsPath : _explorerHref);
        }
    }
}
