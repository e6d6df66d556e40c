using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Dialogs;

/// <summary>
/// Add or edit one API scrape target. Text that does not parse (a duration, a label line) is flagged as typed; every
/// other rule is <see cref="ScrapeTargetService"/>'s, whose errors come back by field and show under that field (a
/// conflict, such as a taken name, above the buttons). The change is recorded with the operator's name.
/// </summary>
public sealed partial class ScrapeTargetDialog
{
    private static readonly string[] Fields = ["name", "job", "url", "interval", "timeout", "labels"];

    private ScrapeTargetFormModel _form = new();
    private Dictionary<string, string[]> _parseErrors = [];
    private IDictionary<string, string[]> _serverErrors = new Dictionary<string, string[]>();
    private string? _detail;
    private bool _saving;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    /// <summary>The target to edit; null to add one.</summary>
    [Parameter] public ScrapeTargetDefinition? Existing { get; set; }

    [Inject] public required ScrapeTargetService Targets { get; init; }

    [Inject] public required OperatorIdentity Identity { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool IsEdit => Existing is not null;

    /// <summary>Opens the dialog; returns the saved target's name, or null when cancelled.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, ScrapeTargetDefinition? existing)
    {
        var parameters = new DialogParameters<ScrapeTargetDialog> { { d => d.Existing, existing } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var reference = await dialogs.ShowAsync<ScrapeTargetDialog>(existing is null ? "Add scrape target" : $"Edit {existing.Name}", parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _form = ScrapeTargetFormModel.From(Existing);
        }
    }

    private void Set(string key, Action assign)
    {
        assign();
        _serverErrors.Remove(key);
        _parseErrors.Remove(key);
        _detail = null;
    }

    private bool HasError(string key) => ErrorOf(key) is not null;

    private string? ErrorOf(string key) =>
        _serverErrors.TryGetValue(key, out var server) ? string.Join(" ", server)
        : _parseErrors.TryGetValue(key, out var parse) ? string.Join(" ", parse)
        : null;

    private async Task SaveAsync()
    {
        _parseErrors = [];
        _serverErrors = new Dictionary<string, string[]>();
        _detail = null;
        var request = _form.Build(_parseErrors);
        if (_parseErrors.Count > 0)
        {
            return;
        }

        _saving = true;
        try
        {
            var who = await Identity.GetNameAsync();
            var result = IsEdit
                ? await Targets.UpdateAsync(Existing!.Name, request, who, CancellationToken.None)
                : await Targets.CreateAsync(request, who, CancellationToken.None);
            switch (result.Outcome)
            {
                case ConfigMutationOutcome.Created or ConfigMutationOutcome.Ok:
                    Snackbar.Add($"Scrape target '{request.Name}' {(IsEdit ? "saved" : "added")} by {who}.", Severity.Success);
                    Dialog.Close(DialogResult.Ok(request.Name));
                    break;
                case ConfigMutationOutcome.Invalid:
                    _serverErrors = result.Errors ?? new Dictionary<string, string[]>();
                    // An error for a field this form has no input for (sampleLimit) goes above the buttons.
                    var unshown = _serverErrors.Where(e => !Fields.Contains(e.Key)).SelectMany(e => e.Value).ToList();
                    _detail = unshown.Count > 0 ? string.Join(" ", unshown) : null;
                    break;
                case ConfigMutationOutcome.NotFound:
                    _detail = $"'{Existing?.Name}' no longer exists.";
                    break;
                default:
                    _detail = result.Detail ?? "The scrape target could not be saved.";
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            _detail = $"The scrape target could not be saved: {ex.Message}";
            Snackbar.Add(_detail, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
