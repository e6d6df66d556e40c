using System.Text.Json;

namespace McpMonitoring.Engine.Notifications;

/// <summary>
/// Secrets in receivers (webhook basic-auth password and bearer token, Slack webhook URL, SMTP password): shown as
/// <c>&lt;secret&gt;</c>, accepted on write, and kept when a write omits them (or sends the placeholder back).
/// </summary>
public static class ReceiverSecrets
{
    public const string Placeholder = "<secret>";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ReceiverConfig Clone(ReceiverConfig receiver) =>
        JsonSerializer.Deserialize<ReceiverConfig>(JsonSerializer.Serialize(receiver, Json), Json)!;

    /// <summary>A copy safe to return or log.</summary>
    public static ReceiverConfig Redact(ReceiverConfig receiver)
    {
        var copy = Clone(receiver);
        foreach (var (_, _, channel) in copy.All())
        {
            foreach (var secret in SecretsOf(channel))
            {
                if (!string.IsNullOrEmpty(secret.Get()))
                {
                    secret.Set(Placeholder);
                }
            }
        }

        return copy;
    }

    /// <summary>Fills secrets the caller left out (or sent back as the placeholder) from the stored receiver, channel by channel.</summary>
    public static void KeepExisting(ReceiverConfig incoming, ReceiverConfig? existing)
    {
        foreach (var (kind, index, channel) in incoming.All())
        {
            var previous = existing?.Find(kind, index);
            var old = previous is null ? null : SecretsOf(previous).ToList();
            var i = 0;
            foreach (var secret in SecretsOf(channel))
            {
                var value = secret.Get();
                if (value is null || value == Placeholder)
                {
                    secret.Set(old?[i].Get());
                }

                i++;
            }
        }
    }

    /// <summary>Every secret of a channel, in a fixed order (so two configs of one kind line up).</summary>
    private static IEnumerable<Secret> SecretsOf(ChannelConfig channel)
    {
        switch (channel)
        {
            case SlackConfig slack:
                yield return new Secret(() => slack.ApiUrl, v => slack.ApiUrl = v);
                break;
            case EmailConfig email:
                yield return new Secret(() => email.Password, v => email.Password = v);
                break;
            case WebhookConfig webhook:
                foreach (var s in HttpSecrets(() => webhook.HttpConfig, h => webhook.HttpConfig = h))
                {
                    yield return s;
                }

                break;
            case AlertmanagerConfig alertmanager:
                foreach (var s in HttpSecrets(() => alertmanager.HttpConfig, h => alertmanager.HttpConfig = h))
                {
                    yield return s;
                }

                break;
        }
    }

    private static IEnumerable<Secret> HttpSecrets(Func<HttpConfig?> get, Action<HttpConfig> set)
    {
        HttpConfig Ensure()
        {
            var http = get();
            if (http is null)
            {
                http = new HttpConfig();
                set(http);
            }

            return http;
        }

        yield return new Secret(() => get()?.BearerToken, v =>
        {
            if (v is not null || get() is not null)
            {
                Ensure().BearerToken = v;
            }
        });
        yield return new Secret(() => get()?.BasicAuth?.Password, v =>
        {
            if (v is null && get()?.BasicAuth is null)
            {
                return;
            }

            var http = Ensure();
            http.BasicAuth ??= new BasicAuthConfig();
            http.BasicAuth.Password = v;
        });
    }

    private sealed record Secret(Func<string?> Get, Action<string?> Set);
}
