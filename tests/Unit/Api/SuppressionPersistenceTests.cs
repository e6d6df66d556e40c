using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Api;

/// <summary>Silences, windows and rules are in SQLite: a restart keeps them, and keeps them in effect.</summary>
public sealed class SuppressionPersistenceTests
{
    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Restart_SilencesWindowsRulesAndAuditSurvive()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = new MonitoringAppFactory(new() { ["API_KEY"] = "secret" });
        await File.WriteAllTextAsync(Path.Combine(first.DataDir, "config", "alerting.yml"),
            "inhibit_rules:\n  - id: seeded\n    source_matchers: ['severity=\"CRITICAL\"']\n    target_matchers: ['severity=\"WARNING\"']\n", ct);
        var client = first.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/silences", Json("{}"), ct)).StatusCode);
        client.DefaultRequestHeaders.Add("X-API-Key", "secret");
        var endsAt = JsonSerializer.Serialize(DateTimeOffset.UtcNow.AddDays(1));
        var silence = await client.PostAsync("/silences", Json($$"""{"matchers":[{"name":"a","value":"b"}],"endsAt":{{endsAt}},"comment":"c"}"""), ct);
        Assert.Equal(HttpStatusCode.Created, silence.StatusCode);
        var silenceId = (await silence.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString();
        var window = await client.PostAsync("/maintenance-windows", Json("""{"name":"weekly","targets":["db"],"cron":"0 3 * * 0","duration":"2h","timeZone":"America/New_York"}"""), ct);
        Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/inhibition-rules/seeded", ct)).StatusCode);
        await first.DisposeAsync();

        await using var second = new MonitoringAppFactory(dataDir: first.DataDir);
        var again = second.CreateClient();
        var stored = await again.GetFromJsonAsync<JsonElement>($"/silences/{silenceId}", ct);
        Assert.Equal("active", stored.GetProperty("state").GetString());
        Assert.Equal("api-key", stored.GetProperty("createdBy").GetString());
        var windows = await again.GetFromJsonAsync<JsonElement>("/maintenance-windows", ct);
        Assert.Equal("America/New_York", windows.GetProperty("items")[0].GetProperty("timeZone").GetString());
        Assert.Equal(0, (await again.GetFromJsonAsync<JsonElement>("/inhibition-rules", ct)).GetProperty("total").GetInt32());
        var audit = await again.GetFromJsonAsync<JsonElement>("/audit", ct);
        Assert.Equal(["delete", "create", "create", "import"], audit.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("api-key", audit.GetProperty("items")[0].GetProperty("actor").GetString());
    }
}
