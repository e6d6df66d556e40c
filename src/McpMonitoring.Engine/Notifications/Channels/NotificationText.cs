using System.Text;
using McpMonitoring.Engine.Alerting;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>Human-readable text shared by Slack, email and the log.</summary>
public static class NotificationText
{
    /// <summary>Alertmanager's customary subject: <c>[FIRING:2] HighLatency (team=db)</c>, with escalations and tests marked.</summary>
    public static string Title(NotificationMessage message)
    {
        var firing = message.Firing.Count;
        var builder = new StringBuilder();
        if (message.Kind == NotificationKinds.Escalation)
        {
            builder.Append("[ESCALATED] ");
        }
        else if (message.Kind == NotificationKinds.Test)
        {
            builder.Append("[TEST] ");
        }

        builder.Append(firing > 0 ? $"[FIRING:{firing}]" : "[RESOLVED]");
        var names = message.Alerts.Select(a => a.Name).Where(n => n.Length > 0).Distinct().ToList();
        builder.Append(' ').Append(names.Count switch { 0 => "alerts", 1 => names[0], _ => $"{names[0]} and {names.Count - 1} more" });
        var groupLabels = message.GroupLabels.Where(l => l.Key != AlertLabels.AlertName).Select(l => $"{l.Key}={l.Value}").ToList();
        if (groupLabels.Count > 0)
        {
            builder.Append(" (").Append(string.Join(", ", groupLabels)).Append(')');
        }

        return builder.ToString();
    }

    public static string Body(NotificationMessage message)
    {
        var builder = new StringBuilder();
        builder.Append(Title(message)).Append("\n\n");
        foreach (var alert in message.Alerts)
        {
            builder.Append('[').Append(alert.Status.ToUpperInvariant()).Append("] [").Append(alert.Severity.ToLabel()).Append("] ").Append(alert.Name).Append('\n');
            foreach (var (key, value) in alert.Annotations)
            {
                builder.Append("  ").Append(key).Append(": ").Append(value).Append('\n');
            }

            builder.Append("  labels: ").Append(string.Join(", ", alert.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))).Append('\n');
            builder.Append("  since: ").Append(alert.StartsAt.ToString("O")).Append('\n');
            if (alert.AcknowledgedBy is { } by)
            {
                builder.Append("  acknowledged by: ").Append(by).Append('\n');
            }

            builder.Append('\n');
        }

        if (message.ExternalUrl is { } url)
        {
            builder.Append(url).Append('\n');
        }

        builder.Append("Notification ").Append(message.Id).Append('\n');
        return builder.ToString();
    }
}
