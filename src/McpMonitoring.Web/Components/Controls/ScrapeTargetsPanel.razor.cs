using System.Globalization;
using McpMonitoring.Engine.Alerting.Suppression;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Scraping;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Components.Dialogs;
using McpMonitoring.Web.Model;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace McpMonitoring.Web.Components.Controls;

/// <summary>
/// Scrape targets with the outcome of their last scrape, filtered and paged (only one page is rendered). Scrapes and
/// health changes reload the page, at most every <see cref="RefreshInterval"/>. API targets can be added, edited and
/// removed; prometheus.yml's and the demo's are shown read-only with where they come from.
/// </summary>
public sealed partial class ScrapeTargetsPanel : IDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(3);
    private static readonly int[] PageSizes = [10, 25, 50, 100];

    private readonly ScrapeTargetTableQuery _filter = new();
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);
    private MudTable<ScrapeTargetStatus>? _table;
    private IReadOnlyList<string> _jobs = [];
    private IDisposable? _subscription;
    private string? _appliedJob;
    private string? _appliedHealth;
    private int _total;

    /// <summary>The job filter the URL carries.</summary>
    [Parameter] public string? Job { get; set; }

    /// <summary>The health filter the URL carries (up, down, unknown).</summary>
    [Parameter] public string? Health { get; set; }

    [Inject] public required ScrapeTargetService Targets { get; init; }

    [Inject] public required ScrapeScheduler Scheduler { get; init; }

    [Inject] public required MonitoringEventStream Events { get; init; }

    [Inject] public required OperatorIdentity Identity { get; init; }

    [Inject] public required IDialogService Dialogs { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required IOptions<MetricsOptions> Options { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required BrowserTimeZone TimeZone { get; init; }

    private DateTimeOffset Now => Time.GetUtcNow();

    protected override void OnInitialized() =>
        _subscription = Events.Subscribe(EventTopics.Scrapes | EventTopics.Metrics, () => InvokeAsync(ReloadAsync), RefreshInterval);

    protected override async Task OnParametersSetAsync()
    {
        if (Job == _appliedJob && Health == _appliedHealth)
        {
            return;
        }

        _appliedJob = Job;
        _appliedHealth = Health;
        _filter.Apply(Job, Health);
        if (_table is not null)
        {
            await FilterChangedAsync(updateUrl: false);
        }
    }

    private Task<TableData<ScrapeTargetStatus>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var all = Targets.GetAll();
        _jobs = [.. all.Select(t => t.Target.Job).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        var (items, total) = _filter.Page(all, state);
        _total = total;
        return Task.FromResult(new TableData<ScrapeTargetStatus> { Items = items, TotalItems = total });
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private Task FilterChangedAsync(bool updateUrl = true)
    {
        if (updateUrl)
        {
            // Kept in the URL so a filtered view can be shared; the page does not re-apply what it wrote itself.
            _appliedJob = _filter.Job;
            _appliedHealth = _filter.Health?.ToString().ToLowerInvariant();
            var query = _filter.ToQueryString();
            Navigation.NavigateTo(query.Length == 0 ? Pages.Metrics.TargetsPath : $"{Pages.Metrics.TargetsPath}?{query}", new NavigationOptions { ReplaceHistoryEntry = true });
        }

        // A narrower filter may have fewer pages than the one shown: start again from the first.
        _table?.NavigateTo(0);
        return ReloadAsync();
    }

    private Task OnSearchChanged(string? search)
    {
        _filter.Search = search;
        return FilterChangedAsync(updateUrl: false);
    }

    private Task OnJobChanged(string? job)
    {
        _filter.Job = job;
        return FilterChangedAsync();
    }

    private Task OnHealthChanged(ScrapeHealth? health)
    {
        _filter.Health = health;
        return FilterChangedAsync();
    }

    private static bool IsReadOnly(ScrapeTargetStatus status) => status.Target.Source != ScrapeTargetSource.Api;

    private string? SourceLabel(ScrapeTargetSource source) => source switch
    {
        ScrapeTargetSource.Config => Path.GetFileName(Options.Value.ScrapeConfigFile),
        ScrapeTargetSource.Demo => "demo",
        _ => null,
    };

    private string SourceHint(ScrapeTargetSource source) => source switch
    {
        ScrapeTargetSource.Config => $"defined in {Options.Value.ScrapeConfigFile}; change it there and restart.",
        ScrapeTargetSource.Demo => "the demo target scrapes the console itself; it goes away when you add a target of your own.",
        _ => "added over the API or here.",
    };

    internal static string FormatDuration(double? seconds) => seconds switch
    {
        null => "–",
        < 0.001 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0.00} ms"),
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{seconds * 1000:0} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{seconds:0.00} s"),
    };

    private async Task ScrapeNowAsync(string name)
    {
        _busy.Add(name);
        try
        {
            var outcome = await Scheduler.ScrapeNowAsync(name, CancellationToken.None);
            if (outcome is null)
            {
                Snackbar.Add($"'{name}' no longer exists.", Severity.Info);
            }
            else if (outcome.Up)
            {
                Snackbar.Add($"Scraped '{name}': {outcome.Samples:N0} samples in {FormatDuration(outcome.DurationSeconds)}.", Severity.Success);
            }
            else
            {
                Snackbar.Add($"Scrape of '{name}' failed: {outcome.Error}", Severity.Warning);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException)
        {
            Snackbar.Add($"Could not scrape '{name}': {ex.Message}", Severity.Error);
        }
        finally
        {
            _busy.Remove(name);
        }

        await ReloadAsync();
    }

    private async Task AddAsync()
    {
        if (await ScrapeTargetDialog.ShowAsync(Dialogs, existing: null) is not null)
        {
            await ReloadAsync();
        }
    }

    private async Task EditAsync(ScrapeTargetStatus status)
    {
        if (await ScrapeTargetDialog.ShowAsync(Dialogs, status.Target) is not null)
        {
            await ReloadAsync();
        }
    }

    private async Task DeleteAsync(ScrapeTargetStatus status)
    {
        var name = status.Target.Name;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete scrape target",
            $"Stop scraping '{name}' ({status.Target.Url})? Its series end now; stored samples stay until retention drops them.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _busy.Add(name);
        try
        {
            var who = await Identity.GetNameAsync();
            var result = await Targets.DeleteAsync(name, who, CancellationToken.None);
            switch (result.Outcome)
            {
                case ConfigMutationOutcome.Ok:
                    Snackbar.Add($"Scrape target '{name}' deleted by {who}.", Severity.Success);
                    break;
                case ConfigMutationOutcome.NotFound:
                    Snackbar.Add($"'{name}' was already deleted.", Severity.Info);
                    break;
                default:
                    Snackbar.Add($"Could not delete '{name}': {result.Detail}", Severity.Error);
                    break;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            Snackbar.Add($"Could not delete '{name}': {ex.Message}", Severity.Error);
        }
        finally
        {
            _busy.Remove(name);
        }

        await ReloadAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}
