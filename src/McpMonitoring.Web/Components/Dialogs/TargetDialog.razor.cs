using McpMonitoring.Engine.Health;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace McpMonitoring.Web.Components.Dialogs;

/// <summary>
/// Add or edit one target. Errors come from the same rules the API applies (<see cref="TargetValidator"/>) as the
/// operator types, shown per field once a field was touched (or all after a save attempt), and from
/// <see cref="TargetService"/> for what only the whole fleet can tell (unknown dependency, cycle, duplicate name).
/// </summary>
public sealed partial class TargetDialog
{
    /// <summary>More names than this are not offered as dependencies; the API accepts any.</summary>
    internal const int MaxDependencyCandidates = 1000;

    private static readonly string[] Transports = ["auto", "streamable-http", "sse", "stdio"];

    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private TargetFormModel _form = new();
    private Dictionary<string, string[]> _errors = [];
    private IDictionary<string, string[]> _serverErrors = new Dictionary<string, string[]>();
    private IReadOnlyList<string> _candidates = [];
    private string? _detail;
    private bool _submitted;
    private bool _saving;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    /// <summary>The target to edit; null to add one.</summary>
    [Parameter] public TargetDefinition? Existing { get; set; }

    [Inject] public required TargetService Targets { get; init; }

    [Inject] public required HealthMonitor Monitor { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private bool IsEdit => Existing is not null;

    /// <summary>Opens the dialog; returns the saved target's name, or null when cancelled.</summary>
    public static async Task<string?> ShowAsync(IDialogService dialogs, TargetDefinition? existing)
    {
        var parameters = new DialogParameters<TargetDialog> { { d => d.Existing, existing } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
        var reference = await dialogs.ShowAsync<TargetDialog>(existing is null ? "Add target" : $"Edit {existing.Name}", parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: string name } ? name : null;
    }

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _form = TargetFormModel.From(Existing);
        }

        var self = Existing?.Name;
        _candidates = [.. Monitor.Query(new TargetQuery { Limit = MaxDependencyCandidates }).Items
            .Where(t => t.Source != TargetSource.Demo && !string.Equals(t.Name, self, StringComparison.Ordinal))
            .Select(t => t.Name)
            .Union(_form.DependsOn, StringComparer.Ordinal)];
        _errors = _form.Validate();
    }

    private void Set(string key, Action assign)
    {
        assign();
        _touched.Add(key);
        _serverErrors.Remove(key);
        _detail = null;
        _errors = _form.Validate();
    }

    private void OnDependsOnChanged(IEnumerable<string>? values) => Set("dependsOn", () => _form.DependsOn = [.. values ?? []]);

    private bool HasError(string key) => ErrorOf(key) is not null;

    private string? ErrorOf(string key)
    {
        if (_serverErrors.TryGetValue(key, out var server))
        {
            return string.Join(" ", server);
        }

        return (_submitted || _touched.Contains(key)) && _errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;
    }

    private async Task SaveAsync()
    {
        _submitted = true;
        _errors = _form.Validate();
        if (_errors.Count > 0)
        {
            _detail = _errors.Keys.Any(IsShown) ? null : string.Join(" ", _errors.Values.SelectMany(m => m));
            return;
        }

        _saving = true;
        try
        {
            var target = _form.Build([]);
            var result = IsEdit
                ? await Targets.UpdateAsync(Existing!.Name, target, CancellationToken.None)
                : await Targets.CreateAsync(target, CancellationToken.None);
            switch (result.Outcome)
            {
                case TargetMutationOutcome.Created or TargetMutationOutcome.Ok:
                    Snackbar.Add($"Target '{target.Name}' {(IsEdit ? "saved" : "added")}.", Severity.Success);
                    Dialog.Close(DialogResult.Ok(target.Name));
                    break;
                case TargetMutationOutcome.Invalid:
                    _serverErrors = result.Errors ?? new Dictionary<string, string[]>();
                    _detail = _serverErrors.Keys.Any(IsShown) ? null : string.Join(" ", _serverErrors.Values.SelectMany(m => m));
                    break;
                case TargetMutationOutcome.NotFound:
                    _detail = $"'{Existing?.Name}' no longer exists.";
                    break;
                default:
                    _detail = result.Detail ?? "The target could not be saved.";
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            _detail = $"The target could not be saved: {ex.Message}";
            Snackbar.Add(_detail, Severity.Error);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Whether a field for <paramref name="key"/> is on screen for the current kind (else its error goes to the summary).</summary>
    private bool IsShown(string key) => key switch
    {
        "url" => _form.Kind is TargetKind.Http or TargetKind.Mcp,
        "expectStatus" or "bodyContains" or "jsonPath" or "jsonValue" => _form.Kind == TargetKind.Http,
        "host" or "port" => _form.Kind == TargetKind.Tcp,
        "command" or "transport" or "protocolVersion" => _form.Kind == TargetKind.Mcp,
        "provider" or "connectionString" => _form.Kind == TargetKind.Database,
        "container" or "dockerSocket" => _form.Kind == TargetKind.Container,
        _ => true,
    };

    private void Cancel() => Dialog.Cancel();
}
