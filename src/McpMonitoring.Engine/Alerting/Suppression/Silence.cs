using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Alerting.Suppression;

[JsonConverter(typeof(JsonStringEnumConverter<SilenceState>))]
public enum SilenceState
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("expired")] Expired,
}

/// <summary>An immutable silence. Its state is not stored: it follows from the clock (see <see cref="StateAt"/>).</summary>
public sealed record Silence(
    string Id,
    IReadOnlyList<Matcher> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment,
    DateTimeOffset UpdatedAt)
{
    public SilenceState StateAt(DateTimeOffset now) =>
        now < StartsAt ? SilenceState.Pending : now < EndsAt ? SilenceState.Active : SilenceState.Expired;

    public bool Matches(IReadOnlyDictionary<string, string> labels) => Matcher.All(Matchers, labels);

    public SilenceView ToView(DateTimeOffset now) =>
        new(Id, [.. Matchers.Select(MatcherSpec.From)], StartsAt, EndsAt, CreatedBy, Comment, StateAt(now), UpdatedAt);
}

/// <summary>A silence as the API returns it, with its state at the time of the request.</summary>
public sealed record SilenceView(
    string Id,
    IReadOnlyList<MatcherSpec> Matchers,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string CreatedBy,
    string Comment,
    SilenceState State,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A silence to create or the new version of one to edit (the JSON body of POST/PUT /silences).
/// <see cref="StartsAt"/> defaults to now (a start in the past is moved to now, as Alertmanager does);
/// <see cref="CreatedBy"/> defaults to the caller's identity.
/// </summary>
public sealed class SilenceInput
{
    public List<MatcherSpec>? Matchers { get; set; }

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public string? CreatedBy { get; set; }

    public string? Comment { get; set; }
}
