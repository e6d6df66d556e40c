using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.History;
using McpMonitoring.Engine.Storage;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Components.Dialogs;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// One target: live state from the monitor (re-read on every throttled push), its definition, latency history,
/// dependencies with the root cause chain, and recorded status changes.
/// </summary>
public sealed partial class TargetDetail : IDisposable
{
    /// <summary>Status changes are written by a batching writer: re-read them at this pace, not per event.</summary>
    public static readonly TimeSpan ChangesRefreshInterval = TimeSpan.FromSeconds(3);

    private TargetState? _state;
    private TargetDefinition? _definition;
    private DependencyViewModel _dependencies = new([], [], []);
    private IReadOnlyList<StatusChangeEntity> _changes = [];
    private List<BreadcrumbItem> _breadcrumbs = [];
    private IDisposable? _subscription;
    private IDisposable? _changesSubscription;
    private bool _ready;
    private bool _busy;

    [Parameter] public required string Name { get; set; }

    [Inject] public required HealthMonitor Monitor { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required ProbeHistoryQuery History { get; init; }

    [Inject] public required TargetService Targets { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    private bool IsReadOnly => _state?.Source == TargetSource.Demo;

    protected override void OnInitialized()
    {
        _subscription = Events.Subscribe(EventTopics.All, () => InvokeAsync(() =>
        {
            Refresh();
            StateHasChanged();
        }));
        _changesSubscription = Events.Subscribe(EventTopics.Health, () => InvokeAsync(LoadChangesAsync), ChangesRefreshInterval);
    }

    protected override async Task OnParametersSetAsync()
    {
        _breadcrumbs = [new("Health", "/ui/health"), new(Name, null, disabled: true)];
        Refresh();
        await LoadChangesAsync();
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
        _state = Monitor.Get(Name);
        _definition = Monitor.TryGetRuntime(Name, out var runtime) ? runtime.Definition : null;
        _dependencies = _state is null ? new([], [], []) : DependencyViewModel.Build(Monitor, _state);
    }

    private async Task LoadChangesAsync()
    {
        try
        {
            _changes = await History.GetStatusChangesAsync(Name, 20, CancellationToken.None);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            // History is secondary: the live state above still renders.
            _changes = [];
        }

        StateHasChanged();
    }

    private IEnumerable<(string Label, string Value)> DefinitionRows()
    {
        if (_definition is not { } d)
        {
            yield break;
        }

        yield return ("Kind", Health.KindName(d.Kind));
        yield return ("Endpoint", TargetRuntime.Describe(d));
        yield return ("Interval", Duration.Format(d.Interval));
        yield return ("Timeout", Duration.Format(d.Timeout));
        yield return ("Degraded above", Duration.Format(d.EffectiveDegradedLatency) + (d.DegradedLatency is null ? " (half the timeout)" : ""));
        yield return ("Unhealthy after", $"{d.FailureThreshold} failed probes");
        yield return ("Healthy after", $"{d.RecoveryThreshold} successful probes");
        yield return ("Depends on", d.DependsOn.Count == 0 ? "–" : string.Join(", ", d.DependsOn));
        yield return ("Source", _state!.Source.ToString().ToLowerInvariant());
    }

    private async Task EditAsync()
    {
        if (_definition is null)
        {
            return;
        }

        if (await TargetDialog.ShowAsync(Dialogs, _definition.Clone()) is not null)
        {
            Refresh();
        }
    }

    private async Task DeleteAsync()
    {
        var dependents = _dependencies.Downstream.Select(d => d.Name).ToList();
        var warning = dependents.Count == 0 ? "" : $" It is still needed by {string.Join(", ", dependents)}: remove it from their dependencies first.";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete target", $"Delete '{Name}' and stop probing it?{warning}", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Targets.DeleteAsync(Name, CancellationToken.None);
            switch (result.Outcome)
            {
                case TargetMutationOutcome.Ok:
                    Snackbar.Add($"Target '{Name}' deleted.", Severity.Success);
                    Navigation.NavigateTo("/ui/health");
                    break;
                case TargetMutationOutcome.NotFound:
                    Snackbar.Add($"'{Name}' was already deleted.", Severity.Info);
                    Navigation.NavigateTo("/ui/health");
                    break;
                default:
                    Snackbar.Add($"Could not delete '{Name}': {result.Detail}", Severity.Error);
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Snackbar.Add($"Could not delete '{Name}': {ex.Message}", Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _changesSubscription?.Dispose();
    }
}
