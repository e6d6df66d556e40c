using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Api;

public sealed class AlertsApiTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new();
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ManualAlert_CreateAcknowledgeResolve_TimelineShowsWho()
    {
        var created = await _client.PostAsync("/alerts", Json("""{"name":"DiskFull","severity":"CRITICAL","summary":"disk 95%","labels":{"host":"db1"}}"""), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var alert = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = alert.GetProperty("id").GetInt64();
        Assert.Equal("CRITICAL", alert.GetProperty("severity").GetString());
        Assert.Equal("firing", alert.GetProperty("state").GetString());

        var again = await _client.PostAsync("/alerts", Json("""{"name":"DiskFull","severity":"CRITICAL","summary":"disk 97%","labels":{"host":"db1"}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(id, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64());

        var ack = await _client.PostAsync($"/alerts/{id}/acknowledge", Json("""{"by":"alice","comment":"on it"}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var acked = await ack.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("acknowledged", acked.GetProperty("state").GetString());
        Assert.Equal("alice", acked.GetProperty("acknowledgement").GetProperty("by").GetString());
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/alerts/{id}/acknowledge", Json("""{"by":"alice","comment":"on it"}"""), Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/alerts/{id}/resolve", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync($"/alerts/{id}/resolve", null, Ct)).StatusCode);
        var conflict = await _client.PostAsync($"/alerts/{id}/acknowledge", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);

        var timeline = await _client.GetFromJsonAsync<JsonElement>($"/alerts/{id}/timeline", Ct);
        var entries = timeline.EnumerateArray().Select(e => (e.GetProperty("kind").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("Created", "anonymous"), ("Updated", "anonymous"), ("Acknowledged", "alice"), ("Resolved", "anonymous")], entries);
    }

    [Fact]
    public async Task List_DefaultsToActive_FiltersAndRejectsBadMatchers()
    {
        await _client.PostAsync("/alerts", Json("""{"name":"A","severity":"WARNING","labels":{"team":"data"}}"""), Ct);
        var b = await (await _client.PostAsync("/alerts", Json("""{"name":"B","severity":"ERROR","labels":{"team":"automation"}}"""), Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        await _client.PostAsync($"/alerts/{b.GetProperty("id").GetInt64()}/resolve", null, Ct);

        Assert.Equal(1, (await _client.GetFromJsonAsync<JsonElement>("/alerts", Ct)).GetProperty("total").GetInt32());
        Assert.Equal(2, (await _client.GetFromJsonAsync<JsonElement>("/alerts?state=all", Ct)).GetProperty("total").GetInt32());
        var byMatcher = await _client.GetFromJsonAsync<JsonElement>("/alerts?state=all&match=" + Uri.EscapeDataString("{team=~\"auto.*\"}"), Ct);
        Assert.Equal("B", byMatcher.GetProperty("items")[0].GetProperty("name").GetString());

        var bad = await _client.GetAsync("/alerts?match=" + Uri.EscapeDataString("team=~\"(\""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("not a valid regular expression", await bad.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync("/alerts?severity=LOUD", Ct)).StatusCode);
    }

    [Fact]
    public async Task ManualAlert_Invalid_ProblemNamesField()
    {
        var response = await _client.PostAsync("/alerts", Json("""{"severity":"CRITICAL"}"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("alertname", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/alerts/424242/acknowledge", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task AlertmanagerReceiver_BatchResentUpdates_EndsAtResolves()
    {
        string Batch(string endsAt) => "[" + string.Join(",", Enumerable.Range(0, 100).Select(i =>
            "{\"labels\":{\"alertname\":\"InstanceDown\",\"instance\":\"node-" + i + ":9100\",\"severity\":\"critical\"}," +
            "\"annotations\":{\"summary\":\"node " + i + " down\"},\"startsAt\":\"2026-11-29T10:00:00Z\",\"endsAt\":\"" + endsAt +
            "\",\"generatorURL\":\"http://prometheus/graph\"}")) + "]";
        var future = DateTimeOffset.UtcNow.AddMinutes(5).ToString("O");

        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v2/alerts", Json(Batch(future)), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v2/alerts", Json(Batch(future)), Ct)).StatusCode);
        var list = await _client.GetFromJsonAsync<JsonElement>("/alerts?limit=1000", Ct);
        Assert.Equal(100, list.GetProperty("total").GetInt32());
        Assert.Equal("CRITICAL", list.GetProperty("items")[0].GetProperty("severity").GetString());
        var amView = await _client.GetFromJsonAsync<JsonElement>("/api/v2/alerts", Ct);
        Assert.Equal(100, amView.GetArrayLength());

        var past = DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O");
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/api/v2/alerts", Json(Batch(past)), Ct)).StatusCode);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/alerts", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AlertmanagerReceiver_MissingAlertname_400NamesIndex()
    {
        var response = await _client.PostAsync("/api/v2/alerts", Json("""[{"labels":{"alertname":"ok"}},{"labels":{"job":"x"}}]"""), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("$[1].labels", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/alerts", Ct)).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task TargetGoesDown_HealthAlertRaised_ResolvedWhenRemoved()
    {
        var port = McpMonitoring.Tests.Unit.Health.Probes.HttpProbeTests.FreePort();
        var body = $$"""{"name":"queue","kind":"tcp","host":"127.0.0.1","port":{{port}},"interval":"200ms","timeout":"100ms","failureThreshold":1,"labels":{"team":"data"} }""";
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/targets", Json(body), Ct)).StatusCode);

        JsonElement alert = default;
        Wait.Until(() =>
        {
            var page = _client.GetFromJsonAsync<JsonElement>("/alerts", Ct).GetAwaiter().GetResult();
            if (page.GetProperty("total").GetInt32() == 0)
            {
                return false;
            }

            alert = page.GetProperty("items")[0];
            return true;
        }, "the TargetUnhealthy alert appears");
        Assert.Equal("TargetUnhealthy", alert.GetProperty("name").GetString());
        Assert.Equal("queue", alert.GetProperty("labels").GetProperty("target").GetString());
        Assert.Equal("data", alert.GetProperty("labels").GetProperty("team").GetString());
        Assert.Equal("health", alert.GetProperty("source").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/targets/queue", Ct)).StatusCode);
        Wait.Until(() => _client.GetFromJsonAsync<JsonElement>("/alerts", Ct).GetAwaiter().GetResult().GetProperty("total").GetInt32() == 0,
            "the alert resolves when its target is removed");
    }
}
