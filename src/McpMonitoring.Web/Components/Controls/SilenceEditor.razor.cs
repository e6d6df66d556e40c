using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// Create or edit a silence: matcher rows, duration, comment; the list of current alerts it would match updates on
/// every keystroke (<see cref="MatchPreview"/>, in memory). Saving goes through <see cref="SilenceService"/>, whose
/// errors are shown on the fields they name.
/// </summary>
public sealed partial class SilenceEditor : IDisposable
{
    private SilenceFormModel _form = new();
    private Dictionary<string, string[]> _errors = [];
    private MatchPreviewResult _preview = new(false, 0, []);
    private bool _saving;
    private IDisposable? _subscription;

    [Parameter] public SilenceView? Existing { get; set; }

    [Parameter] public EventCallback<SilenceView> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    [Inject] public required SilenceService Silences { get; init; }

    [Inject] public required MatchPreview Preview { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    // Alerts that start or stop firing while the operator types change the preview too.
    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.Alerts, () => InvokeAsync(() =>
        {
            UpdatePreview();
            StateHasChanged();
        }));

    protected override void OnParametersSet()
    {
        _form = Existing is null ? new SilenceFormModel() : SilenceFormModel.From(Existing, Time.GetUtcNow());
        _errors = [];
        UpdatePreview();
    }

    private void Change(Action change)
    {
        change();
        UpdatePreview();
    }

    private void UpdatePreview()
    {
        var errors = new Dictionary<string, string[]>();
        var matchers = _form.CompileMatchers(errors);
        // An empty or half-typed set would match everything: show nothing rather than every alert.
        _preview = matchers.Count == 0 ? new MatchPreviewResult(Preview.Available, 0, []) : Preview.Match(matchers);
        // Matcher errors follow the typing; the others stay until the next save attempt.
        _errors = _errors.Where(e => !e.Key.StartsWith("matchers", StringComparison.Ordinal)).Concat(errors).ToDictionary();
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var now = Time.GetUtcNow();
            var errors = new Dictionary<string, string[]>();
            var input = _form.ToInput(now, Existing, errors);
            var actor = string.IsNullOrWhiteSpace(_form.CreatedBy) ? AuditActors.Anonymous : _form.CreatedBy.Trim();
            if (errors.Count > 0)
            {
                _errors = errors;
                return;
            }

            var result = Existing is null
                ? await Silences.CreateAsync(input, actor, CancellationToken.None)
                : await Silences.UpdateAsync(Existing.Id, input, actor, CancellationToken.None);
            switch (result.Outcome)
            {
                case ConfigMutationOutcome.Created or ConfigMutationOutcome.Ok:
                    Snackbar.Add(Existing is null ? "Silence created" : "Silence saved", Severity.Success);
                    await OnSaved.InvokeAsync(result.Value!);
                    break;
                case ConfigMutationOutcome.Invalid:
                    _errors = new Dictionary<string, string[]>(result.Errors!);
                    break;
                default:
                    Snackbar.Add(result.Detail ?? "The silence no longer exists.", Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    public void Dispose() => _subscription?.Dispose();

    private bool HasError(string key) => _errors.ContainsKey(key);

    private string? ErrorOf(string key) => _errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;
}
