using System.Globalization;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Audit;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// Create or edit a maintenance window, one-off or recurring. The next five occurrences are recomputed as the
/// operator types (with the service's own rules) and shown in the browser's time zone.
/// </summary>
public sealed partial class MaintenanceWindowEditor
{
    private const int PreviewCount = 5;
    private static readonly string[] Zones = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal)];

    private MaintenanceFormModel _form = new();
    private Dictionary<string, string[]> _errors = [];
    private IReadOnlyList<MaintenanceOccurrence> _occurrences = [];
    private string? _problem;
    private bool _saving;

    [Parameter] public MaintenanceWindowView? Existing { get; set; }

    [Parameter] public EventCallback<MaintenanceWindowView> OnSaved { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    [Inject] public required MaintenanceWindowService Windows { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override void OnParametersSet()
    {
        _form = Existing is null ? new MaintenanceFormModel { TimeZone = TimeZone.Zone.Id } : MaintenanceFormModel.From(Existing, TimeZone.Zone);
        _errors = [];
        UpdatePreview();
    }

    private void Change(Action change)
    {
        change();
        UpdatePreview();
    }

    private void UpdatePreview() => (_occurrences, _problem) = _form.Preview(Time.GetUtcNow(), PreviewCount);

    private string FormatOccurrence(MaintenanceOccurrence occurrence)
    {
        var start = TimeZone.ToLocal(occurrence.StartsAt);
        var end = TimeZone.ToLocal(occurrence.EndsAt);
        var endFormat = end.Date == start.Date ? "HH:mm" : "ddd MMM d HH:mm";
        return $"{start.ToString("ddd MMM d yyyy, HH:mm", CultureInfo.InvariantCulture)} – {end.ToString(endFormat, CultureInfo.InvariantCulture)} ({start:zzz})";
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var errors = new Dictionary<string, string[]>();
            var input = _form.ToInput(errors);
            if (errors.Count > 0)
            {
                _errors = errors;
                return;
            }

            var actor = string.IsNullOrWhiteSpace(_form.CreatedBy) ? AuditActors.Anonymous : _form.CreatedBy.Trim();
            var result = Existing is null
                ? await Windows.CreateAsync(input, actor, CancellationToken.None)
                : await Windows.UpdateAsync(Existing.Id, input, actor, CancellationToken.None);
            switch (result.Outcome)
            {
                case ConfigMutationOutcome.Created or ConfigMutationOutcome.Ok:
                    Snackbar.Add(Existing is null ? "Maintenance window created" : "Maintenance window saved", Severity.Success);
                    await OnSaved.InvokeAsync(result.Value!);
                    break;
                case ConfigMutationOutcome.Invalid:
                    _errors = new Dictionary<string, string[]>(result.Errors!);
                    break;
                default:
                    Snackbar.Add(result.Detail ?? "The window no longer exists.", Severity.Error);
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private bool HasError(string key) => _errors.ContainsKey(key);

    private string? ErrorOf(string key) => _errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;
}
