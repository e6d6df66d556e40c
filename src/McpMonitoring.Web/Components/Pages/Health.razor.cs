using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Components.Dialogs;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// Every target, filtered, sorted and paged by the engine (<see cref="TargetQueryExtensions.Query"/>): only one
/// page is ever rendered. Pushed changes reload the current page, throttled by the event stream.
/// </summary>
public sealed partial class Health : IDisposable
{
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly TargetTableQuery _filter = new();
    private MudTable<TargetState>? _table;
    private IDisposable? _subscription;
    private int _total;
    private bool _ready;

    [Inject] public required HealthMonitor Monitor { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.All, () => InvokeAsync(ReloadAsync));

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await TimeZone.InitializeAsync(JS);
            _ready = true;
            StateHasChanged();
        }
    }

    private Task<TableData<TargetState>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = Monitor.Query(_filter.ToQuery(state));
        _total = page.Total;
        return Task.FromResult(new TableData<TargetState> { Items = page.Items, TotalItems = page.Total });
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task FilterChangedAsync()
    {
        // A narrower filter may have fewer pages than the one shown: start again from the first.
        _table?.NavigateTo(0);
        return ReloadAsync();
    }

    private Task OnSearchChanged(string? search)
    {
        _filter.Search = search;
        return FilterChangedAsync();
    }

    private Task OnStatusChanged(HealthStatus? status)
    {
        _filter.Status = status;
        return FilterChangedAsync();
    }

    private Task OnKindChanged(TargetKind? kind)
    {
        _filter.Kind = kind;
        return FilterChangedAsync();
    }

    private async Task AddTargetAsync()
    {
        var name = await TargetDialog.ShowAsync(Dialogs, existing: null);
        if (name is not null)
        {
            Navigation.NavigateTo(DetailHref(name));
        }
    }

    internal static string DetailHref(string name) => $"/ui/health/{Uri.EscapeDataString(name)}";

    internal static string KindName(TargetKind kind) => kind.ToString().ToLowerInvariant();

    public void Dispose() => _subscription?.Dispose();
}
