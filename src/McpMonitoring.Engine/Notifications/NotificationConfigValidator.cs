using System.Text.RegularExpressions;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Configuration;
using MimeKit;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// Checks a routing tree and receivers, collecting every problem keyed by its path in snake_case
/// (<c>route.routes[1].group_wait</c>, <c>receivers[0].slack_configs[0].api_url</c>), so the same messages serve
/// the YAML file and the REST API.
/// </summary>
public static partial class NotificationConfigValidator
{
    public static readonly string[] LogLevels = ["debug", "information", "warning", "error", "critical"];
    public static readonly string[] EmailSecurities = ["none", "starttls", "tls"];
    public static readonly string[] WebhookFormats = ["console", "alertmanager"];

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();

    public static Dictionary<string, List<string>> ValidateRoute(RouteConfig? route, IReadOnlyCollection<string> receiverNames)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (route is null)
        {
            Add(errors, "route", "a routing tree needs a root route.");
            return errors;
        }

        if (string.IsNullOrWhiteSpace(route.Receiver))
        {
            Add(errors, "route.receiver", "the root route needs a receiver (every alert must end somewhere).");
        }

        if (route.Matchers is { Count: > 0 })
        {
            Add(errors, "route.matchers", "the root route matches every alert; it may not have matchers.");
        }

        ValidateNode(route, "route", receiverNames, errors, depth: 0);
        return errors;
    }

    private static void ValidateNode(RouteConfig route, string path, IReadOnlyCollection<string> receivers, Dictionary<string, List<string>> errors, int depth)
    {
        if (depth > 16)
        {
            Add(errors, path, "routes may be nested at most 16 levels deep.");
            return;
        }

        if (route.Receiver is { } receiver && !receivers.Contains(receiver))
        {
            Add(errors, $"{path}.receiver", $"unknown receiver '{receiver}'.");
        }

        for (var i = 0; i < (route.Matchers?.Count ?? 0); i++)
        {
            try
            {
                Matcher.ParseList(route.Matchers![i] ?? "");
            }
            catch (FormatException ex)
            {
                Add(errors, $"{path}.matchers[{i}]", ex.Message);
            }
        }

        for (var i = 0; i < (route.GroupBy?.Count ?? 0); i++)
        {
            var label = route.GroupBy![i];
            if (label == "..." && route.GroupBy.Count > 1)
            {
                Add(errors, $"{path}.group_by", "'...' (all labels) cannot be combined with other labels.");
            }
            else if (label != "..." && (label is null || !LabelNamePattern().IsMatch(label)))
            {
                Add(errors, $"{path}.group_by[{i}]", $"'{label}' is not a valid label name.");
            }
        }

        CheckDuration(route.GroupWait, $"{path}.group_wait", allowZero: true, errors);
        CheckDuration(route.GroupInterval, $"{path}.group_interval", allowZero: false, errors);
        CheckDuration(route.RepeatInterval, $"{path}.repeat_interval", allowZero: false, errors);
        CheckDuration(route.EscalateAfter, $"{path}.escalate_after", allowZero: false, errors);
        if (route.EscalateTo is { } to && !receivers.Contains(to))
        {
            Add(errors, $"{path}.escalate_to", $"unknown receiver '{to}'.");
        }

        if ((route.EscalateAfter is null) != (route.EscalateTo is null))
        {
            Add(errors, $"{path}.{(route.EscalateAfter is null ? "escalate_after" : "escalate_to")}", "escalate_after and escalate_to go together.");
        }

        for (var i = 0; i < (route.Routes?.Count ?? 0); i++)
        {
            if (route.Routes![i] is { } child)
            {
                ValidateNode(child, $"{path}.routes[{i}]", receivers, errors, depth + 1);
            }
            else
            {
                Add(errors, $"{path}.routes[{i}]", "a route may not be null.");
            }
        }
    }

    public static Dictionary<string, List<string>> ValidateReceivers(IReadOnlyList<ReceiverConfig> receivers)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < receivers.Count; i++)
        {
            ValidateReceiver(receivers[i], $"receivers[{i}]", errors);
        }

        foreach (var duplicate in receivers.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Key is not null && g.Count() > 1))
        {
            Add(errors, "receivers", $"receiver name '{duplicate.Key}' is used more than once.");
        }

        return errors;
    }

    public static void ValidateReceiver(ReceiverConfig receiver, string path, Dictionary<string, List<string>> errors)
    {
        if (receiver.Name is null || !NamePattern().IsMatch(receiver.Name))
        {
            Add(errors, $"{path}.name", "a receiver needs a name of 1-64 letters, digits, '_', '.' or '-'.");
        }

        for (var i = 0; i < (receiver.WebhookConfigs?.Count ?? 0); i++)
        {
            var p = $"{path}.webhook_configs[{i}]";
            var webhook = receiver.WebhookConfigs![i];
            Url(webhook.Url, $"{p}.url", errors);
            if (webhook.Format is { } format && !WebhookFormats.Contains(format))
            {
                Add(errors, $"{p}.format", $"format must be one of {string.Join(", ", WebhookFormats)}.");
            }
        }

        for (var i = 0; i < (receiver.SlackConfigs?.Count ?? 0); i++)
        {
            // The URL itself is a secret: never echo it in a message.
            if (!IsHttpUrl(receiver.SlackConfigs![i].ApiUrl))
            {
                Add(errors, $"{path}.slack_configs[{i}].api_url", "api_url must be the absolute http(s) URL of a Slack incoming webhook.");
            }
        }

        for (var i = 0; i < (receiver.EmailConfigs?.Count ?? 0); i++)
        {
            ValidateEmail(receiver.EmailConfigs![i], $"{path}.email_configs[{i}]", errors);
        }

        for (var i = 0; i < (receiver.AlertmanagerConfigs?.Count ?? 0); i++)
        {
            Url(receiver.AlertmanagerConfigs![i].Url, $"{path}.alertmanager_configs[{i}].url", errors);
        }

        for (var i = 0; i < (receiver.LogConfigs?.Count ?? 0); i++)
        {
            if (receiver.LogConfigs![i].Level is { } level && !LogLevels.Contains(level))
            {
                Add(errors, $"{path}.log_configs[{i}].level", $"level must be one of {string.Join(", ", LogLevels)}.");
            }
        }
    }

    private static void ValidateEmail(EmailConfig email, string p, Dictionary<string, List<string>> errors)
    {
        if (string.IsNullOrWhiteSpace(email.Host))
        {
            Add(errors, $"{p}.host", "host (the SMTP server) is required.");
        }

        if (email.Port is { } port && (port < 1 || port > 65535))
        {
            Add(errors, $"{p}.port", "port must be between 1 and 65535.");
        }

        if (email.Security is { } security && !EmailSecurities.Contains(security))
        {
            Add(errors, $"{p}.security", $"security must be one of {string.Join(", ", EmailSecurities)}.");
        }

        if (!IsEmail(email.From))
        {
            Add(errors, $"{p}.from", "from must be an email address.");
        }

        if (email.To is not { Count: > 0 })
        {
            Add(errors, $"{p}.to", "to needs at least one address.");
        }
        else
        {
            for (var i = 0; i < email.To.Count; i++)
            {
                if (!IsEmail(email.To[i]))
                {
                    Add(errors, $"{p}.to[{i}]", $"'{email.To[i]}' is not an email address.");
                }
            }
        }

        if (email.Username is not null && string.IsNullOrEmpty(email.Password))
        {
            Add(errors, $"{p}.password", "a username needs a password.");
        }
    }

    /// <summary>MimeKit accepts a bare local part ("nope"); a notification needs a deliverable address.</summary>
    private static bool IsEmail(string? text) =>
        text is not null && MailboxAddress.TryParse(text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    private static void CheckDuration(string? text, string path, bool allowZero, Dictionary<string, List<string>> errors)
    {
        if (text is null)
        {
            return;
        }

        if (!Duration.TryParse(text, out var value))
        {
            Add(errors, path, $"'{text}' is not a duration; use Prometheus style such as 30s, 5m or 4h.");
        }
        else if (!allowZero && value <= TimeSpan.Zero)
        {
            Add(errors, path, "must be greater than zero.");
        }
    }

    private static void Url(string? url, string path, Dictionary<string, List<string>> errors)
    {
        if (!IsHttpUrl(url))
        {
            Add(errors, path, "must be an absolute http(s) URL.");
        }
    }

    private static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list))
        {
            errors[path] = list = [];
        }

        list.Add(message);
    }

    /// <summary>For ProblemDetails.</summary>
    public static Dictionary<string, string[]> ToProblem(this Dictionary<string, List<string>> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
