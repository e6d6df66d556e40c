using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace McpMonitoring.Web.Components.Pages;

/// <summary>
/// Silences, maintenance windows and inhibition rules. Changes (from here, the API or another browser) arrive as
/// <see cref="AlertConfigurationChanged"/> and reload the lists, throttled by the event stream.
/// </summary>
public sealed partial class Silences : IDisposable
{
    private const int PageSize = 25;

    private Page<SilenceView> _silences = new([], 0, 0, PageSize);
    private IReadOnlyList<MaintenanceWindowView> _windows = [];
    private IReadOnlyList<InhibitionRuleView> _rules = [];
    private SilenceState? _state = SilenceState.Active;
    private int _offset;
    private bool _editingSilence;
    private SilenceView? _silenceToEdit;
    private bool _editingWindow;
    private MaintenanceWindowView? _windowToEdit;
    private string? _ruleSource;
    private string? _ruleTarget;
    private string? _ruleEqual;
    private Dictionary<string, string[]> _ruleErrors = [];
    private IDisposable? _subscription;
    private bool _ready;

    [Inject] public required SilenceService SilenceService { get; init; }

    [Inject] public required MaintenanceWindowService WindowService { get; init; }

    [Inject] public required InhibitionRuleService RuleService { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _subscription = Events.Subscribe(EventTopics.AlertConfiguration, () => InvokeAsync(async () =>
        {
            await ReloadAsync();
            StateHasChanged();
        }));
        await ReloadAsync();
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

    private async Task ReloadAsync()
    {
        _silences = await SilenceService.ListAsync(_state, _offset, PageSize, CancellationToken.None);
        _windows = WindowService.List(activeOnly: false, 0, 1000).Items;
        _rules = RuleService.List(0, 1000).Items;
    }

    private async Task OnStateChanged(SilenceState? state)
    {
        _state = state;
        _offset = 0;
        await ReloadAsync();
    }

    private async Task PageAsync(int direction)
    {
        _offset = Math.Max(0, _offset + (direction * PageSize));
        await ReloadAsync();
    }

    private void NewSilence()
    {
        _silenceToEdit = null;
        _editingSilence = true;
    }

    private void EditSilence(SilenceView silence)
    {
        _silenceToEdit = silence;
        _editingSilence = true;
    }

    private async Task SilenceSavedAsync(SilenceView silence)
    {
        _editingSilence = false;
        await ReloadAsync();
    }

    private async Task ExpireAsync(SilenceView silence)
    {
        var result = await SilenceService.ExpireAsync(silence.Id, AuditActors.Anonymous, CancellationToken.None);
        Snackbar.Add(result.Outcome == ConfigMutationOutcome.Ok ? "Silence expired" : "The silence no longer exists", result.Outcome == ConfigMutationOutcome.Ok ? Severity.Success : Severity.Error);
        await ReloadAsync();
    }

    private void NewWindow()
    {
        _windowToEdit = null;
        _editingWindow = true;
    }

    private void EditWindow(MaintenanceWindowView window)
    {
        _windowToEdit = window;
        _editingWindow = true;
    }

    private async Task WindowSaved(MaintenanceWindowView window)
    {
        _editingWindow = false;
        await ReloadAsync();
    }

    private async Task DeleteWindowAsync(MaintenanceWindowView window)
    {
        await WindowService.DeleteAsync(window.Id, AuditActors.Anonymous, CancellationToken.None);
        Snackbar.Add($"Maintenance window '{window.Name}' deleted", Severity.Success);
        await ReloadAsync();
    }

    private async Task AddRuleAsync()
    {
        var errors = new Dictionary<string, string[]>();
        var input = new InhibitionRuleInput
        {
            SourceMatchers = ParseMatchers(_ruleSource, "sourceMatchers", errors),
            TargetMatchers = ParseMatchers(_ruleTarget, "targetMatchers", errors),
            Equal = [.. (_ruleEqual ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
        };
        if (errors.Count == 0)
        {
            var result = await RuleService.CreateAsync(input, AuditActors.Anonymous, CancellationToken.None);
            if (result.Outcome == ConfigMutationOutcome.Created)
            {
                Snackbar.Add("Inhibition rule added", Severity.Success);
                (_ruleSource, _ruleTarget, _ruleEqual) = (null, null, null);
                await ReloadAsync();
            }
            else
            {
                errors = new Dictionary<string, string[]>(result.Errors!);
            }
        }

        _ruleErrors = errors;
    }

    private async Task DeleteRuleAsync(InhibitionRuleView rule)
    {
        await RuleService.DeleteAsync(rule.Id, AuditActors.Anonymous, CancellationToken.None);
        Snackbar.Add("Inhibition rule deleted", Severity.Success);
        await ReloadAsync();
    }

    private string? RuleError(string key) =>
        _ruleErrors.Where(e => e.Key.StartsWith(key, StringComparison.Ordinal)).SelectMany(e => e.Value).FirstOrDefault();

    private static List<MatcherSpec> ParseMatchers(string? text, string key, Dictionary<string, string[]> errors)
    {
        try
        {
            return [.. Matcher.ParseList(text ?? "").Select(MatcherSpec.From)];
        }
        catch (FormatException ex)
        {
            errors[key] = [ex.Message];
            return [];
        }
    }

    private static Color StateColor(SilenceState state) => state switch
    {
        SilenceState.Active => Color.Success,
        SilenceState.Pending => Color.Info,
        _ => Color.Default,
    };

    private static string Schedule(MaintenanceWindowView window) => window.Kind == MaintenanceWindowKind.Recurring
        ? $"{window.Cron} for {Duration.Format(window.Duration ?? TimeSpan.Zero)} ({window.TimeZone})"
        : "one-off";

    private static string Scope(MaintenanceWindowView window) =>
        string.Join(", ", [.. window.Targets.Select(t => $"target {t}"), .. window.Matchers.Select(m => m.ToMatcher().ToString())]);

    public void Dispose() => _subscription?.Dispose();
}
