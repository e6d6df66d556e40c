using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Web.Security;

/// <summary>
/// API keys for integrations. When <c>API_KEY</c> is set, mutating endpoints, /ws and the hub require it
/// (header <c>X-API-Key</c>, <c>Authorization: Bearer</c>, or <c>?access_token=</c> for browsers' WebSockets).
/// Unset, the console is open, as a first run on a laptop expects. Roles come later: the key carries
/// the admin role so policies can grow into viewer/operator/admin without changing endpoints.
/// </summary>
public static class ApiKeySecurity
{
    public const string Scheme = "ApiKey";
    public const string MutatePolicy = "mutate";
    public const string StreamPolicy = "stream";

    public static IServiceCollection AddApiKeySecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(o => o.ApiKey = configuration["API_KEY"]);
        services.AddAuthentication(Scheme).AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(Scheme, null);
        services.AddSingleton<IAuthorizationHandler, ApiKeyRequirementHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(MutatePolicy, p => p.AddRequirements(new ApiKeyRequirement()))
            .AddPolicy(StreamPolicy, p => p.AddRequirements(new ApiKeyRequirement()));
        return services;
    }

    internal static bool Matches(string? presented, string expected) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}

public sealed class ApiKeyOptions
{
    public string? ApiKey { get; set; }

    public bool Enabled => !string.IsNullOrEmpty(ApiKey);
}

internal sealed class ApiKeyRequirement : IAuthorizationRequirement;

/// <summary>Open when no key is configured; otherwise the caller must have presented the key.</summary>
internal sealed class ApiKeyRequirementHandler(IOptions<ApiKeyOptions> options) : AuthorizationHandler<ApiKeyRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiKeyRequirement requirement)
    {
        if (!options.Value.Enabled || context.User.Identity?.AuthenticationType == ApiKeySecurity.Scheme)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ApiKeyOptions> keys) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var expected = keys.Value.ApiKey;
        if (string.IsNullOrEmpty(expected))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = Request.Headers["X-API-Key"].FirstOrDefault();
        var authorization = Request.Headers.Authorization.FirstOrDefault();
        if (presented is null && authorization?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true)
        {
            presented = authorization["Bearer ".Length..].Trim();
        }

        presented ??= Request.Query["access_token"].FirstOrDefault();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!ApiKeySecurity.Matches(presented, expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, "admin")], ApiKeySecurity.Scheme);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeySecurity.Scheme)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        await Results.Problem(
            statusCode: 401,
            title: "API key required",
            detail: "Send the key in the X-API-Key header (or Authorization: Bearer; access_token query for WebSockets).").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        await Results.Problem(statusCode: 403, title: "Forbidden").ExecuteAsync(Context);
}
