using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace McpMonitoring.Web.Model;

/// <summary>
/// Who is acting in this circuit (acknowledge, resolve): the authenticated user's name when there is one,
/// else the name the operator typed once, remembered in the browser's localStorage.
/// </summary>
/// <remarks>
/// Scoped: one per circuit. This is a stand-in until UI sign-in exists; once users sign in, the authenticated
/// name always wins and the typed name is no longer asked for (<see cref="IsAuthenticated"/>).
/// </remarks>
public sealed class OperatorIdentity(IJSRuntime js, AuthenticationStateProvider? authentication = null)
{
    public const string DefaultName = "operator";
    internal const string StorageKey = "mcpmon.operator";
    public const int MaxNameLength = 100;

    private string? _name;
    private bool _resolved;

    /// <summary>True when the name comes from sign-in and cannot be changed here.</summary>
    public bool IsAuthenticated { get; private set; }

    /// <summary>The acting operator's name: authenticated, else remembered, else <see cref="DefaultName"/>.</summary>
    public async Task<string> GetNameAsync()
    {
        if (_resolved)
        {
            return _name ?? DefaultName;
        }

        var signedIn = await AuthenticatedNameAsync();
        IsAuthenticated = signedIn is not null;
        _name = signedIn ?? await RememberedNameAsync();
        _resolved = true;
        return _name ?? DefaultName;
    }

    /// <summary>Keeps a typed name for later actions in this browser; ignored when signed in.</summary>
    public async Task RememberAsync(string name)
    {
        var trimmed = Normalize(name);
        if (IsAuthenticated || trimmed is null || trimmed == _name)
        {
            return;
        }

        _name = trimmed;
        _resolved = true;
        try
        {
            await js.InvokeVoidAsync("localStorage.setItem", StorageKey, trimmed);
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or TaskCanceledException)
        {
            // Storage unavailable (private mode, disconnected circuit): the name still holds for this circuit.
        }
    }

    public static string? Normalize(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim() is { Length: <= MaxNameLength } t ? t : name.Trim()[..MaxNameLength];

    private async Task<string?> AuthenticatedNameAsync()
    {
        if (authentication is null)
        {
            return null;
        }

        try
        {
            var state = await authentication.GetAuthenticationStateAsync();
            return state.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : null;
        }
        catch (InvalidOperationException)
        {
            // No authentication state in this render (prerender without sign-in).
            return null;
        }
    }

    private async Task<string?> RememberedNameAsync()
    {
        try
        {
            return Normalize(await js.InvokeAsync<string?>("localStorage.getItem", StorageKey));
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or TaskCanceledException)
        {
            return null;
        }
    }
}
