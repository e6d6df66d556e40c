using Microsoft.Extensions.Options;

namespace McpMonitoring.Engine.Notifications;

/// <summary>The <c>Notifications</c> configuration section: grouping tick, outbox retries and retention.</summary>
public sealed class NotificationOptions
{
    public const string SectionName = "Notifications";

    /// <summary>How often groups are checked for due flushes and escalations (the resolution of group_wait and friends).</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the outbox is polled for due retries (new rows wake the dispatcher at once).</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First retry delay; doubles per attempt up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this many failed attempts a notification is dead.</summary>
    public int MaxAttempts { get; set; } = 20;

    /// <summary>A notification older than this is dead even with attempts left: stale news pages no one.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>One delivery attempt (connect, send, answer) may take at most this long.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight per receiver channel: a hanging channel holds only its own lane.</summary>
    public int ConcurrencyPerChannel { get; set; } = 4;

    public TimeSpan SentRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan DeadRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>This console's public URL, sent as externalURL and used in links.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>The routing file, relative to Monitoring:ConfigDir.</summary>
    public string FileName { get; set; } = "alerting.yml";
}

public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions o)
    {
        const string s = NotificationOptions.SectionName;
        var errors = new List<string>();
        Positive(o.FlushInterval, "FlushInterval");
        Positive(o.DispatchInterval, "DispatchInterval");
        Positive(o.InitialBackoff, "InitialBackoff");
        Positive(o.DeliveryTimeout, "DeliveryTimeout");
        Positive(o.MaxAge, "MaxAge");
        Positive(o.SentRetention, "SentRetention");
        Positive(o.DeadRetention, "DeadRetention");
        if (o.MaxBackoff < o.InitialBackoff)
        {
            errors.Add($"{s}:MaxBackoff must be at least {s}:InitialBackoff.");
        }

        if (o.MaxAttempts is < 1 or > 1000)
        {
            errors.Add($"{s}:MaxAttempts must be between 1 and 1000.");
        }

        if (o.ConcurrencyPerChannel is < 1 or > 256)
        {
            errors.Add($"{s}:ConcurrencyPerChannel must be between 1 and 256.");
        }

        if (o.ExternalUrl is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            errors.Add($"{s}:ExternalUrl must be an absolute URL.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

        void Positive(TimeSpan value, string key)
        {
            if (value <= TimeSpan.Zero)
            {
                errors.Add($"{s}:{key} must be greater than zero.");
            }
        }
    }
}
