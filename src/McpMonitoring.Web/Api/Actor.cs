using System.Security.Claims;

namespace McpMonitoring.Web.Api;

/// <summary>Who performs an action: a name the caller gives, else the authenticated identity, else "anonymous".</summary>
internal static class Actor
{
    public static string Of(ClaimsPrincipal user, string? claimed) =>
        !string.IsNullOrWhiteSpace(claimed) ? claimed.Trim()
        : user.Identity is { IsAuthenticated: true, Name: { } name } ? name
        : "anonymous";
}
