using Microsoft.JSInterop;

namespace McpMonitoring.Web.Model;

/// <summary>
/// The signed-in browser's time zone (one per circuit). Until the browser has told us, times render in UTC
/// and say so; pages call <see cref="InitializeAsync"/> after their first render.
/// </summary>
public sealed class BrowserTimeZone
{
    private TimeZoneInfo? _zone;

    public bool IsKnown => _zone is not null;

    public TimeZoneInfo Zone => _zone ?? TimeZoneInfo.Utc;

    public event Action? Changed;

    public async Task InitializeAsync(IJSRuntime js)
    {
        if (_zone is not null)
        {
            return;
        }

        try
        {
            var id = await js.InvokeAsync<string>("mcpmon.timeZone");
            if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                _zone = zone;
                Changed?.Invoke();
            }
        }
        catch (JSException)
        {
            // Script not loaded (tests, prerender): stay on UTC.
        }
        catch (InvalidOperationException)
        {
        }
    }

    public DateTimeOffset ToLocal(DateTimeOffset value) => TimeZoneInfo.ConvertTime(value, Zone);

    /// <summary>"14:03:27" today, "Nov 28 14:03" otherwise, in the browser's zone.</summary>
    public string Format(DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return "never";
        }

        var local = ToLocal(value.Value);
        var today = ToLocal(now).Date == local.Date;
        return local.ToString(today ? "HH:mm:ss" : "MMM d HH:mm", System.Globalization.CultureInfo.InvariantCulture)
            + (IsKnown ? "" : " UTC");
    }

    /// <summary>"12s ago", "5m ago", "3h ago", "2d ago".</summary>
    public static string Ago(DateTimeOffset? value, DateTimeOffset now)
    {
        if (value is null)
        {
            return "never";
        }

        var age = now - value.Value;
        return age.TotalSeconds < 60 ? $"{Math.Max(0, (int)age.TotalSeconds)}s ago"
            : age.TotalMinutes < 60 ? $"{(int)age.TotalMinutes}m ago"
            : age.TotalHours < 48 ? $"{(int)age.TotalHours}h ago"
            : $"{(int)age.TotalDays}d ago";
    }
}
