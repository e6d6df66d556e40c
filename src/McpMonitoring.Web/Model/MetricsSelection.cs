using System.Globalization;
using MatchType = McpMonitoring.Engine.Alerting.MatchType;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Metrics.Query;

namespace McpMonitoring.Web.Model;

/// <summary>One label matcher as the explorer edits it: label and value may still be missing while the operator picks them.</summary>
public sealed class LabelMatcherRow
{
    public string? Label { get; set; }

    public MatchType Type { get; set; } = MatchType.Equal;

    public string? Value { get; set; }

    public bool IsComplete => !string.IsNullOrEmpty(Label) && Value is not null;

    public static string OperatorOf(MatchType type) => type switch
    {
        MatchType.Equal => "=",
        MatchType.NotEqual => "!=",
        MatchType.Regex => "=~",
        _ => "!~",
    };
}

/// <summary>
/// What the metrics explorer shows: metric, label matchers, range, rate, aggregation. It round-trips through the
/// URL with the same parameter names as <c>GET /metrics/query</c> (metric, match, range, rate, aggregate, by, end),
/// so a view can be bookmarked, shared, and opened as JSON from the API.
/// </summary>
public sealed class MetricsSelection
{
    public const string DefaultRateWindow = "5m";

    /// <summary>Points per series the chart asks for (the same default as the query API).</summary>
    public const int ChartPoints = 240;

    public static readonly IReadOnlyList<ChartRange> Ranges =
    [
        new("15m", TimeSpan.FromMinutes(15)),
        new("1h", TimeSpan.FromHours(1)),
        new("6h", TimeSpan.FromHours(6)),
        new("24h", TimeSpan.FromHours(24)),
        new("7d", TimeSpan.FromDays(7)),
        new("30d", TimeSpan.FromDays(30)),
    ];

    public static readonly IReadOnlyList<string> RateWindows = ["1m", "5m", "15m", "1h"];

    public string? Metric { get; set; }

    public List<LabelMatcherRow> Matchers { get; set; } = [];

    public ChartRange Range { get; set; } = Ranges[1];

    /// <summary>The window of <c>rate()</c>, or null for the raw values.</summary>
    public string? RateWindow { get; set; }

    public Aggregation Aggregation { get; set; } = Aggregation.None;

    public IReadOnlyCollection<string> By { get; set; } = [];

    /// <summary>Where the range ends; null means "now", and the chart follows new scrapes.</summary>
    public DateTimeOffset? End { get; set; }

    public bool IsLive => End is null;

    /// <summary>Parameters of a link that could not be used (they are dropped, and the page says so).</summary>
    public List<string> Problems { get; } = [];

    public static MetricsSelection Parse(string? metric, string? match, string? range, string? rate, string? aggregate, string? by, string? end)
    {
        var selection = new MetricsSelection { Metric = string.IsNullOrWhiteSpace(metric) ? null : metric.Trim() };
        if (!string.IsNullOrWhiteSpace(match))
        {
            try
            {
                selection.Matchers = [.. Matcher.ParseList(match).Select(m => new LabelMatcherRow { Label = m.Name, Type = m.Type, Value = m.Value })];
            }
            catch (FormatException ex)
            {
                selection.Problems.Add($"match: {ex.Message}");
            }
        }

        if (!string.IsNullOrWhiteSpace(range))
        {
            if (Ranges.FirstOrDefault(r => r.Label == range) is { } known)
            {
                selection.Range = known;
            }
            else if (Duration.TryParse(range, out var span) && span > TimeSpan.Zero)
            {
                selection.Range = new ChartRange(Duration.Format(span), span);
            }
            else
            {
                selection.Problems.Add($"range '{range}' is not a duration such as 1h or 7d.");
            }
        }

        if (!string.IsNullOrWhiteSpace(rate))
        {
            if (Duration.TryParse(rate, out var window) && window > TimeSpan.Zero)
            {
                selection.RateWindow = Duration.Format(window);
            }
            else
            {
                selection.Problems.Add($"rate '{rate}' is not a duration such as 5m.");
            }
        }

        if (!string.IsNullOrWhiteSpace(aggregate))
        {
            if (Enum.TryParse<Aggregation>(aggregate, true, out var aggregation) && !int.TryParse(aggregate, out _))
            {
                selection.Aggregation = aggregation;
            }
            else
            {
                selection.Problems.Add($"aggregate '{aggregate}' is not one of sum, avg, min, max, count.");
            }
        }

        if (!string.IsNullOrWhiteSpace(by) && selection.Aggregation != Aggregation.None)
        {
            selection.By = by.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }

        if (!string.IsNullOrWhiteSpace(end))
        {
            if (double.TryParse(end, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            {
                selection.End = DateTimeOffset.FromUnixTimeMilliseconds((long)(seconds * 1000));
            }
            else
            {
                selection.Problems.Add($"end '{end}' is not a Unix time in seconds.");
            }
        }

        return selection;
    }

    /// <summary>The matchers that are complete, as the engine takes them. A regular expression that does not compile is reported, not thrown.</summary>
    public IReadOnlyList<Matcher> CompleteMatchers(out string? error)
    {
        error = null;
        var result = new List<Matcher>();
        foreach (var row in Matchers.Where(r => r.IsComplete))
        {
            try
            {
                result.Add(new Matcher(row.Label!, row.Type, row.Value!));
            }
            catch (FormatException ex)
            {
                error = ex.Message;
            }
        }

        return result;
    }

    /// <summary>The step that gives about <see cref="ChartPoints"/> points over the range (whole seconds).</summary>
    public TimeSpan Step => TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(Range.Span.TotalSeconds / ChartPoints)));

    /// <summary>
    /// The rate window actually used: at least one step, else a wide range would sample rate() at points whose
    /// windows leave samples in between unseen.
    /// </summary>
    public TimeSpan? EffectiveRateWindow =>
        RateWindow is not null && Duration.TryParse(RateWindow, out var window) ? (window < Step ? Step : window) : null;

    public MetricsQuery? ToQuery(DateTimeOffset now, out string? error)
    {
        var matchers = CompleteMatchers(out error);
        if (Metric is null || error is not null)
        {
            return null;
        }

        // Live: end on the next step boundary. The engine evaluates at multiples of the step, so ending at "now" would
        // leave a sample scraped since the last boundary off the chart until the next one.
        var end = End ?? AlignUp(now, Step);
        return new MetricsQuery(Metric, matchers, end - Range.Span, end, Step, EffectiveRateWindow, Aggregation,
            Aggregation == Aggregation.None ? [] : [.. By]);
    }

    private static DateTimeOffset AlignUp(DateTimeOffset at, TimeSpan step)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var stepMs = (long)step.TotalMilliseconds;
        return DateTimeOffset.FromUnixTimeMilliseconds((ms + stepMs - 1) / stepMs * stepMs);
    }

    /// <summary>The query string (without '?'); parameters at their default are left out.</summary>
    public string ToQueryString()
    {
        var parts = new List<string>();
        void Add(string key, string value) => parts.Add($"{key}={Uri.EscapeDataString(value)}");
        if (Metric is not null)
        {
            Add("metric", Metric);
        }

        var complete = Matchers.Where(r => r.IsComplete).ToList();
        if (complete.Count > 0)
        {
            Add("match", MatchText(complete));
        }

        if (Range.Label != Ranges[1].Label)
        {
            Add("range", Range.Label);
        }

        if (RateWindow is not null)
        {
            Add("rate", RateWindow);
        }

        if (Aggregation != Aggregation.None)
        {
            Add("aggregate", Aggregation.ToString().ToLowerInvariant());
            if (By.Count > 0)
            {
                Add("by", string.Join(',', By));
            }
        }

        if (End is { } end)
        {
            Add("end", (end.ToUnixTimeMilliseconds() / 1000.0).ToString(CultureInfo.InvariantCulture));
        }

        return string.Join('&', parts);
    }

    public string Href(string path = "/ui/metrics") => ToQueryString() is { Length: > 0 } query ? $"{path}?{query}" : path;

    /// <summary>The same selection over the query API, for scripts (range relative to now unless the view is pinned).</summary>
    public string ApiHref() => $"/metrics/query?{ToQueryString()}";

    /// <summary>A PromQL rendering of the selection, for the operator to read and reuse in Prometheus or Grafana.</summary>
    public string Expression()
    {
        if (Metric is null)
        {
            return "";
        }

        var complete = Matchers.Where(r => r.IsComplete).ToList();
        var text = complete.Count == 0 ? Metric : Metric + MatchText(complete);
        if (RateWindow is not null)
        {
            text = $"rate({text}[{Duration.Format(EffectiveRateWindow!.Value)}])";
        }

        if (Aggregation != Aggregation.None)
        {
            var op = Aggregation.ToString().ToLowerInvariant();
            text = By.Count > 0 ? $"{op} by ({string.Join(", ", By)}) ({text})" : $"{op}({text})";
        }

        return text;
    }

    public MetricsSelection Clone()
    {
        var copy = new MetricsSelection
        {
            Metric = Metric,
            Matchers = [.. Matchers.Select(m => new LabelMatcherRow { Label = m.Label, Type = m.Type, Value = m.Value })],
            Range = Range,
            RateWindow = RateWindow,
            Aggregation = Aggregation,
            By = [.. By],
            End = End,
        };
        return copy;
    }

    /// <summary>Written by hand rather than through <see cref="Matcher"/>: a half-typed regular expression must still round-trip.</summary>
    private static string MatchText(IEnumerable<LabelMatcherRow> rows) =>
        "{" + string.Join(", ", rows.Select(r => $"{r.Label}{LabelMatcherRow.OperatorOf(r.Type)}\"{Escape(r.Value!)}\"")) + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
