using McpMonitoring.Engine.Alerting;
using MudBlazor;

namespace McpMonitoring.Web.Model;

/// <summary>The Alerts page's filters; turns the table's paging state into one engine query.</summary>
public sealed class AlertTableQuery
{
    public static readonly AlertState[] ActiveStates = [AlertState.Pending, AlertState.Firing, AlertState.Acknowledged];

    private string? _matchers;

    public IReadOnlyCollection<AlertState> States { get; set; } = ActiveStates;

    public IReadOnlyCollection<AlertSeverity> Severities { get; set; } = [];

    public string? Search { get; set; }

    /// <summary>Off: only alerts that notify; on: suppressed ones too (silenced, in maintenance, inhibited).</summary>
    public bool ShowSuppressed { get; set; }

    /// <summary>The label matchers parsed from <see cref="MatcherText"/>; empty while it does not parse.</summary>
    public IReadOnlyList<Matcher> Matchers { get; private set; } = [];

    /// <summary>Why <see cref="MatcherText"/> does not parse, or null.</summary>
    public string? MatcherError { get; private set; }

    /// <summary>Alertmanager syntax: <c>target="demo-database", severity=~"critical|error"</c>.</summary>
    public string? MatcherText
    {
        get => _matchers;
        set
        {
            _matchers = value;
            MatcherError = null;
            Matchers = [];
            if (string.IsNullOrWhiteSpace(value))
            {
                return;
            }

            try
            {
                Matchers = Matcher.ParseList(value);
            }
            catch (FormatException ex)
            {
                MatcherError = ex.Message;
            }
        }
    }

    public bool IsFiltered => !States.SequenceEqual(ActiveStates) || Severities.Count > 0 || Matchers.Count > 0 || !string.IsNullOrWhiteSpace(Search);

    public AlertQuery ToQuery(int offset, int limit) => new()
    {
        States = States.Count == 0 ? null : States,
        Severities = Severities.Count == 0 ? null : Severities,
        Matchers = Matchers.Count == 0 ? null : Matchers,
        Search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim(),
        Suppressed = ShowSuppressed ? null : false,
        Offset = offset,
        Limit = limit,
    };

    public AlertQuery ToQuery(TableState state) => ToQuery(state.Page * state.PageSize, state.PageSize);

    /// <summary>Reads the filters a link carries (the Overview's counts link here): state, severity, match, q, suppressed.</summary>
    public void Apply(string? state, string? severity, string? match, string? search, bool? suppressed)
    {
        if (!string.IsNullOrWhiteSpace(state))
        {
            States = state == "all" ? [.. Enum.GetValues<AlertState>()]
                : [.. Split(state).Select(s => Enum.TryParse<AlertState>(s, true, out var v) ? v : (AlertState?)null).OfType<AlertState>()];
        }

        if (!string.IsNullOrWhiteSpace(severity))
        {
            Severities = [.. Split(severity).Select(s => AlertSeverities.TryParse(s, out var v) ? v : (AlertSeverity?)null).OfType<AlertSeverity>()];
        }

        if (match is not null)
        {
            MatcherText = match;
        }

        if (search is not null)
        {
            Search = search;
        }

        if (suppressed is { } show)
        {
            ShowSuppressed = show;
        }
    }

    /// <summary>A link to the Alerts page with these filters (active alerts of one severity, for instance).</summary>
    public static string Href(AlertSeverity? severity = null) =>
        severity is { } s ? $"/ui/alerts?severity={s.ToLabel()}" : "/ui/alerts";

    private static string[] Split(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
