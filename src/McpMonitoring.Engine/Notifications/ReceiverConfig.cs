using System.Text.Json.Serialization;
using YamlDotNet.Serialization;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// A named set of channels in Alertmanager's shape (<c>webhook_configs</c>, <c>slack_configs</c>, <c>email_configs</c>)
/// plus <c>alertmanager_configs</c> (forward to a real Alertmanager) and <c>log_configs</c>. A receiver with no
/// channel at all drops what is routed to it, as Alertmanager's "null" receiver does.
/// </summary>
public sealed class ReceiverConfig
{
    public string? Name { get; set; }

    public List<WebhookConfig>? WebhookConfigs { get; set; }

    public List<SlackConfig>? SlackConfigs { get; set; }

    public List<EmailConfig>? EmailConfigs { get; set; }

    public List<AlertmanagerConfig>? AlertmanagerConfigs { get; set; }

    public List<LogConfig>? LogConfigs { get; set; }
}

/// <summary>What every channel config has: whether resolutions are sent (default true).</summary>
public abstract class ChannelConfig
{
    public bool? SendResolved { get; set; }

    [JsonIgnore]
    [YamlIgnore]
    public bool SendsResolved => SendResolved ?? true;
}

public sealed class WebhookConfig : ChannelConfig
{
    public string? Url { get; set; }

    /// <summary><c>console</c> (default: this console's JSON) or <c>alertmanager</c> (Alertmanager's webhook payload, version 4).</summary>
    public string? Format { get; set; }

    public HttpConfig? HttpConfig { get; set; }
}

/// <summary>Authentication for outgoing HTTP; both secrets are redacted in API responses.</summary>
public sealed class HttpConfig
{
    public BasicAuthConfig? BasicAuth { get; set; }

    public string? BearerToken { get; set; }
}

public sealed class BasicAuthConfig
{
    public string? Username { get; set; }

    public string? Password { get; set; }
}

public sealed class SlackConfig : ChannelConfig
{
    /// <summary>The incoming-webhook URL: a secret (it is the credential).</summary>
    public string? ApiUrl { get; set; }

    public string? Channel { get; set; }

    public string? Username { get; set; }
}

public sealed class EmailConfig : ChannelConfig
{
    public List<string>? To { get; set; }

    public string? From { get; set; }

    public string? Host { get; set; }

    /// <summary>Defaults by security: 25 (none), 587 (starttls), 465 (tls).</summary>
    public int? Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>none, starttls (default) or tls.</summary>
    public string? Security { get; set; }
}

/// <summary>Forwards alerts to a real Alertmanager (POST /api/v2/alerts).</summary>
public sealed class AlertmanagerConfig : ChannelConfig
{
    /// <summary>Base URL, e.g. http://alertmanager:9093.</summary>
    public string? Url { get; set; }

    public HttpConfig? HttpConfig { get; set; }
}

public sealed class LogConfig : ChannelConfig
{
    /// <summary>debug, information, warning (default), error or critical.</summary>
    public string? Level { get; set; }
}

/// <summary>Channel kinds as they appear in the outbox and the API.</summary>
public static class ChannelKinds
{
    public const string Webhook = "webhook";
    public const string Slack = "slack";
    public const string Email = "email";
    public const string Alertmanager = "alertmanager";
    public const string Log = "log";
}
