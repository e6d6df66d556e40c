using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Engine.Alerting.Suppression;

/// <summary>Which current alerts a matcher set selects; <see cref="Available"/> is false while no alert source is registered.</summary>
public sealed record MatchPreviewResult(bool Available, int Total, IReadOnlyList<AlertSnapshot> Alerts);

/// <summary>
/// The live preview behind the silence editor and <c>POST /silences/preview</c>. Alerts come from
/// <see cref="IAlertLookup"/>, resolved on use (the alert service that implements it depends on suppression).
/// </summary>
public sealed class MatchPreview(IServiceProvider services)
{
    public const int MaxListed = 100;

    /// <summary>Whether an alert source is registered (the alert service may not be part of this build).</summary>
    public bool Available => services.GetService<IAlertLookup>() is not null;

    public MatchPreviewResult Match(IReadOnlyList<Matcher> matchers, int max = MaxListed)
    {
        if (services.GetService<IAlertLookup>() is not { } lookup)
        {
            return new MatchPreviewResult(false, 0, []);
        }

        var matched = lookup.Active().Where(a => Matcher.All(matchers, a.Labels)).ToList();
        return new MatchPreviewResult(true, matched.Count, [.. matched.Take(max)]);
    }
}
