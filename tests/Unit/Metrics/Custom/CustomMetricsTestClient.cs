using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace McpMonitoring.Tests.Unit.Metrics.Custom;

/// <summary>Small helpers over the /metrics/custom API for the tests of this folder.</summary>
internal static class CustomMetricsTestClient
{
    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static Task<HttpResponseMessage> DefineAsync(this HttpClient client, string body) =>
        client.PostAsync("/metrics/custom", Json(body), TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> RecordAsync(this HttpClient client, string name, string body) =>
        client.PostAsync($"/metrics/custom/{name}/samples", Json(body), TestContext.Current.CancellationToken);

    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    /// <summary>The messages a ValidationProblem lists under <paramref name="key"/> (empty when the key is absent).</summary>
    public static async Task<string> ErrorsAtAsync(this HttpResponseMessage response, string key)
    {
        var body = await response.BodyAsync();
        return body.TryGetProperty("errors", out var errors) && errors.TryGetProperty(key, out var messages)
            ? string.Join(" | ", messages.EnumerateArray().Select(m => m.GetString()))
            : $"(no errors at '{key}' in {body})";
    }

    public static Task<string> MetricsTextAsync(this HttpClient client) => client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
}
