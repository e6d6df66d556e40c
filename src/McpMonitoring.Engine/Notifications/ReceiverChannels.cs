namespace McpMonitoring.Engine.Notifications;

/// <summary>A receiver's channels flattened: one outbox row is written per entry.</summary>
public static class ReceiverChannels
{
    public static IEnumerable<(string Kind, int Index, ChannelConfig Config)> All(this ReceiverConfig receiver)
    {
        foreach (var (kind, list) in Lists(receiver))
        {
            for (var i = 0; i < list.Count; i++)
            {
                yield return (kind, i, list[i]);
            }
        }
    }

    public static ChannelConfig? Find(this ReceiverConfig receiver, string kind, int index)
    {
        foreach (var (k, list) in Lists(receiver))
        {
            if (k == kind)
            {
                return index >= 0 && index < list.Count ? list[index] : null;
            }
        }

        return null;
    }

    private static IEnumerable<(string Kind, IReadOnlyList<ChannelConfig> List)> Lists(ReceiverConfig r)
    {
        yield return (ChannelKinds.Webhook, (IReadOnlyList<ChannelConfig>?)r.WebhookConfigs ?? []);
        yield return (ChannelKinds.Slack, (IReadOnlyList<ChannelConfig>?)r.SlackConfigs ?? []);
        yield return (ChannelKinds.Email, (IReadOnlyList<ChannelConfig>?)r.EmailConfigs ?? []);
        yield return (ChannelKinds.Alertmanager, (IReadOnlyList<ChannelConfig>?)r.AlertmanagerConfigs ?? []);
        yield return (ChannelKinds.Log, (IReadOnlyList<ChannelConfig>?)r.LogConfigs ?? []);
    }
}
