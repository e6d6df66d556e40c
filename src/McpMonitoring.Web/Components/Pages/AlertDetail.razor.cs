using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Components.Dialogs;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// One alert: labels, annotations, state, acknowledgement, suppression, and its durable timeline (who did what,
/// when). The alert is re-read on every throttled push; the timeline only when this alert changed.
/// </summary>
public sealed partial class AlertDetail : IDisposable
{
    private AlertSnapshot? _alert;
    private object? _version;
    private IReadOnlyList<AlertEventEntity>? _timeline;
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IDisposable? _subscription;
    private bool _ready;

    [Parameter] public long Id { get; set; }

    [Inject] public required AlertService AlertService { get; init; }

    [Inject] public required AlertStore Store { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.Alerts | EventTopics.AlertConfiguration, () => InvokeAsync(RefreshAsync));

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Alerts", "/ui/alerts"), new($"#{Id}", null, disabled: true)];
        _version = null;
        _timeline = null;
        await RefreshAsync();
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

    private async Task RefreshAsync()
    {
        _alert = AlertService.Get(Id);
        // Every timeline entry comes with a change to one of these: skip the database read for other alerts' news.
        var version = _alert is null ? null : (object)(_alert.State, _alert.Acknowledgement, _alert.ResolvedAt, _alert.Occurrences, _alert.Severity, _alert.Suppression, _alert.FiringSince);
        if (_timeline is null || !Equals(version, _version))
        {
            _version = version;
            await LoadTimelineAsync();
        }

        StateHasChanged();
    }

    private async Task LoadTimelineAsync()
    {
        try
        {
            _timeline = _alert is null ? [] : await Store.GetTimelineAsync(Id, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // The timeline is secondary: the live state above still renders.
            _timeline = [];
        }
    }

    private async Task ActAsync(AlertAction action)
    {
        if (_alert is not null && await AlertActionDialog.ShowAsync(Dialogs, _alert, action) is not null)
        {
            await RefreshAsync();
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
