using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace McpMonitoring.Engine.Notifications.Channels;

/// <summary>The HTTP side shared by webhook, Slack and Alertmanager channels.</summary>
public sealed class NotificationHttp(IHttpClientFactory clients)
{
    /// <summary>Named client without the default request logging, which would write webhook URLs (Slack's is the secret) to the log.</summary>
    public const string ClientName = "notifications";

    public const string IdempotencyHeader = "Idempotency-Key";
    public const string NotificationIdHeader = "X-Notification-Id";

    public async Task PostJsonAsync(string url, string json, string notificationId, HttpConfig? auth, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(IdempotencyHeader, notificationId);
        request.Headers.TryAddWithoutValidation(NotificationIdHeader, notificationId);
        if (auth?.BearerToken is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (auth?.BasicAuth is { Username: { } user } basic)
        {
            var raw = Encoding.UTF8.GetBytes($"{user}:{basic.Password}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(raw));
        }

        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            // The message names host and port at most; the path (where Slack keeps its secret) is not in it.
            throw new NotificationDeliveryException($"request failed: {ex.HttpRequestError}: {ex.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var code = (int)response.StatusCode;
            // A request the receiver rejects as such will be rejected again; rate limits and timeouts are worth a retry.
            var permanent = code is >= 400 and < 500 && response.StatusCode is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict);
            throw new NotificationDeliveryException($"HTTP {code} {response.ReasonPhrase}", permanent);
        }
    }
}
