using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Tests.Unit.Notifications;

/// <summary>The real console with config/alerting.yml written first and notification timers shortened to tens of milliseconds.</summary>
internal static class NotificationApp
{
    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Notifications:FlushInterval"] = "00:00:00.050",
        ["Notifications:DispatchInterval"] = "00:00:00.050",
        ["Notifications:InitialBackoff"] = "00:00:00.100",
        ["Notifications:MaxBackoff"] = "00:00:00.200",
        ["Notifications:ExternalUrl"] = "http://console.test:10204",
    };

    public static MonitoringAppFactory Create(string? alertingYml, string? dataDir = null, CapturingLoggerProvider? logs = null)
    {
        var factory = new MonitoringAppFactory(Settings, dataDir)
        {
            ConfigureTestServices = logs is null ? null : services => services.AddSingleton<ILoggerProvider>(logs),
        };
        if (alertingYml is not null)
        {
            File.WriteAllText(Path.Combine(factory.DataDir, "config", "alerting.yml"), alertingYml);
        }

        return factory;
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>Raises a manual alert and returns its id.</summary>
    public static async Task<long> RaiseAsync(HttpClient client, string name, string severity = "CRITICAL", string labelsJson = "{}")
    {
        var response = await client.PostAsync("/alerts",
            Json($$"""{"name":"{{name}}","severity":"{{severity}}","summary":"{{name}} is happening","labels":{{labelsJson}}}"""),
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetInt64();
    }

    public static async Task ResolveAsync(HttpClient client, long id)
    {
        var response = await client.PostAsync($"/alerts/{id}/resolve", null, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static JsonElement Get(HttpClient client, string path) =>
        client.GetFromJsonAsync<JsonElement>(path).GetAwaiter().GetResult();

    public static List<JsonElement> Outbox(HttpClient client, string query = "") =>
        [.. Get(client, $"/notifications?limit=1000{query}").GetProperty("items").EnumerateArray()];
}
