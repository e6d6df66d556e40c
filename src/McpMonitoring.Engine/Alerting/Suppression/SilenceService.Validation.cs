namespace McpMonitoring.Engine.Alerting.Suppression;

public sealed partial class SilenceService
{
    /// <summary>A start within this of the stored one counts as unchanged (clients round-trip times through JSON and UIs).</summary>
    private static readonly TimeSpan StartTolerance = TimeSpan.FromSeconds(1);

    /// <summary>Alertmanager's rules for a silence, each error under the field it concerns.</summary>
    internal static Silence Build(SilenceInput input, string actor, DateTimeOffset now, Silence? existing, IDictionary<string, string[]> errors)
    {
        var matchers = MatcherValidation.Compile(input.Matchers, "matchers", errors);
        if (input.Matchers is null || input.Matchers.Count == 0)
        {
            errors["matchers"] = ["at least one matcher is required."];
        }
        else if (matchers.Count == input.Matchers.Count && matchers.All(m => m.MatchesEmpty))
        {
            errors["matchers"] = ["at least one matcher must not match the empty string (a silence of only such matchers would silence every alert)."];
        }

        var start = input.StartsAt ?? existing?.StartsAt ?? now;
        if (existing is not null && existing.StateAt(now) == SilenceState.Active)
        {
            if ((start - existing.StartsAt).Duration() > StartTolerance)
            {
                errors["startsAt"] = ["an active silence cannot move its start; expire it and create a new one."];
            }

            start = existing.StartsAt;
        }
        else if (start < now)
        {
            start = now;
        }

        if (input.EndsAt is not { } end)
        {
            errors["endsAt"] = ["endsAt is required."];
            end = start;
        }
        else if (end <= now)
        {
            errors["endsAt"] = ["endsAt must be in the future."];
        }
        else if (end <= start)
        {
            errors["endsAt"] = ["endsAt must be after startsAt."];
        }

        var createdBy = string.IsNullOrWhiteSpace(input.CreatedBy) ? actor : input.CreatedBy.Trim();
        if (createdBy.Length > 128)
        {
            errors["createdBy"] = ["createdBy must be at most 128 characters."];
        }

        var comment = input.Comment?.Trim() ?? "";
        if (comment.Length == 0)
        {
            errors["comment"] = ["a comment is required: say why these alerts are silenced."];
        }
        else if (comment.Length > 4000)
        {
            errors["comment"] = ["comment must be at most 4000 characters."];
        }

        return new Silence("", matchers, start, end, createdBy, comment, now);
    }
}
