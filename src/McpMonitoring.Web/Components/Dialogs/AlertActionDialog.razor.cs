using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Dialogs;

public enum AlertAction
{
    Acknowledge,
    Resolve,
}

/// <summary>
/// Acknowledge (with an optional snooze) or resolve one alert, with a comment and the acting operator's name
/// (<see cref="OperatorIdentity"/>). Performs the operation itself and reports it in a snackbar; closes with the
/// alert as it is afterwards.
/// </summary>
public sealed partial class AlertActionDialog
{
    internal const string NoSnooze = "none";
    internal const string CustomSnooze = "custom";

    private static readonly (string Key, string Label)[] SnoozeChoices =
        [(NoSnooze, "No snooze"), ("15m", "15 min"), ("1h", "1 hour"), ("4h", "4 hours"), (CustomSnooze, "Custom")];

    private string? _who;
    private string? _whoError;
    private string? _comment;
    private string _snooze = NoSnooze;
    private string? _customSnooze;
    private string? _error;
    private bool _busy;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Parameter, EditorRequired] public required AlertSnapshot Alert { get; set; }

    [Parameter] public AlertAction Action { get; set; }

    [Inject] public required AlertService Alerts { get; init; }

    [Inject] public required OperatorIdentity Identity { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    private bool IsAcknowledge => Action == AlertAction.Acknowledge;

    private TimeSpan? SnoozeFor => _snooze switch
    {
        NoSnooze => null,
        CustomSnooze => Duration.TryParse(_customSnooze, out var custom) && custom > TimeSpan.Zero ? custom : null,
        var key => Duration.Parse(key),
    };

    private DateTimeOffset? SnoozeUntil => SnoozeFor is { } span ? Time.GetUtcNow() + span : null;

    private string? CustomSnoozeError =>
        _snooze != CustomSnooze ? null
        : string.IsNullOrWhiteSpace(_customSnooze) ? "Enter a duration such as 90m or 2h."
        : SnoozeFor is null ? $"'{_customSnooze}' is not a positive duration such as 90m, 2h or 1d."
        : null;

    /// <summary>Opens the dialog; returns the alert after the operation, or null when cancelled.</summary>
    public static async Task<AlertSnapshot?> ShowAsync(IDialogService dialogs, AlertSnapshot alert, AlertAction action)
    {
        var parameters = new DialogParameters<AlertActionDialog> { { d => d.Alert, alert }, { d => d.Action, action } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };
        var reference = await dialogs.ShowAsync<AlertActionDialog>($"{action} {alert.Name}", parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: AlertSnapshot changed } ? changed : null;
    }

    protected override async Task OnInitializedAsync() => _who = await Identity.GetNameAsync();

    private void OnSnoozeChanged(string? key) => _snooze = key ?? NoSnooze;

    private async Task ConfirmAsync()
    {
        _error = null;
        var who = OperatorIdentity.Normalize(_who);
        _whoError = who is null ? "Say who you are: the timeline records it." : null;
        if (who is null || CustomSnoozeError is not null)
        {
            return;
        }

        _busy = true;
        try
        {
            await Identity.RememberAsync(who);
            var comment = string.IsNullOrWhiteSpace(_comment) ? null : _comment.Trim();
            var operation = IsAcknowledge
                ? await Alerts.AcknowledgeAsync(Alert.Id, who, comment, SnoozeUntil)
                : await Alerts.ResolveAsync(Alert.Id, who, comment);
            Report(operation, who);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            _error = $"Could not {Verb} the alert: {ex.Message}";
        }
        finally
        {
            _busy = false;
        }
    }

    private string Verb => IsAcknowledge ? "acknowledge" : "resolve";

    private string Done => IsAcknowledge ? "acknowledged" : "resolved";

    private void Report(AlertOperation operation, string who)
    {
        switch (operation.Outcome)
        {
            case AlertOperationOutcome.Changed:
                Snackbar.Add($"{Alert.Name} #{Alert.Id} {Done} by {who}.", Severity.Success);
                Dialog.Close(DialogResult.Ok(operation.Alert));
                break;
            case AlertOperationOutcome.Unchanged:
                Snackbar.Add($"{Alert.Name} #{Alert.Id} was already {Done}.", Severity.Info);
                Dialog.Close(DialogResult.Ok(operation.Alert));
                break;
            case AlertOperationOutcome.NotFound:
                Snackbar.Add($"Alert #{Alert.Id} no longer exists.", Severity.Warning);
                Dialog.Cancel();
                break;
            case AlertOperationOutcome.Conflict:
                _error = operation.Detail;
                break;
            default:
                _error = operation.Detail;
                break;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
