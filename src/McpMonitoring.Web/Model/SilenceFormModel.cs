using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Alerting.Suppression;

namespace McpMonitoring.Web.Model;

/// <summary>One row of the matcher editor: label name, operator, value.</summary>
public sealed class MatcherRow
{
    public static readonly string[] Operators = ["=", "!=", "=~", "!~"];

    public string Name { get; set; } = "";

    public string Operator { get; set; } = "=";

    public string Value { get; set; } = "";

    public MatcherSpec ToSpec() => new()
    {
        Name = Name.Trim(),
        Value = Value,
        IsRegex = Operator is "=~" or "!~",
        IsEqual = Operator is "=" or "=~",
    };

    public static MatcherRow From(MatcherSpec spec) => new()
    {
        Name = spec.Name ?? "",
        Value = spec.Value ?? "",
        Operator = (spec.IsRegex, spec.IsEqual) switch { (false, true) => "=", (false, false) => "!=", (true, true) => "=~", _ => "!~" },
    };
}

/// <summary>The silence editor's state: matcher rows, how long, why, who. Turns into a <see cref="SilenceInput"/>.</summary>
public sealed class SilenceFormModel
{
    public List<MatcherRow> Rows { get; set; } = [new()];

    public string Duration { get; set; } = "2h";

    public string? Comment { get; set; }

    public string? CreatedBy { get; set; }

    public static SilenceFormModel From(SilenceView silence, DateTimeOffset now) => new()
    {
        Rows = [.. silence.Matchers.Select(MatcherRow.From)],
        Duration = Engine.Configuration.Duration.Format(TimeSpan.FromMinutes(Math.Max(1, Math.Ceiling((silence.EndsAt - (silence.StartsAt > now ? silence.StartsAt : now)).TotalMinutes)))),
        Comment = silence.Comment,
        CreatedBy = silence.CreatedBy,
    };

    /// <summary>Rows that have a name, compiled for the live preview; errors are keyed like the API's (<c>matchers[0].value</c>).</summary>
    public IReadOnlyList<Matcher> CompileMatchers(IDictionary<string, string[]> errors) =>
        MatcherValidation.Compile([.. Rows.Where(r => r.Name.Trim().Length > 0).Select(r => r.ToSpec())], "matchers", errors);

    public SilenceInput ToInput(DateTimeOffset now, SilenceView? existing, IDictionary<string, string[]> errors)
    {
        var start = existing is not null && existing.StartsAt > now ? existing.StartsAt : now;
        DateTimeOffset? end = null;
        if (Engine.Configuration.Duration.TryParse(Duration, out var length) && length > TimeSpan.Zero)
        {
            end = start + length;
        }
        else
        {
            errors["duration"] = ["duration must look like 30m, 2h or 1d."];
        }

        return new SilenceInput
        {
            Matchers = [.. Rows.Where(r => r.Name.Trim().Length > 0 || r.Value.Length > 0).Select(r => r.ToSpec())],
            StartsAt = existing?.StartsAt,
            EndsAt = end,
            Comment = Comment,
            CreatedBy = CreatedBy,
        };
    }
}
