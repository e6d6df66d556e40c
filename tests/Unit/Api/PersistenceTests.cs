using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace McpMonitoring.Tests.Unit.Api;

/// <summary>Restarts the console on the same SQLite file: what a 2xx promised must still be there.</summary>
public sealed class PersistenceTests
{
    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Restart_TargetsAndHistorySurvive()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var endpoint = await LocalHttpServer.StartAsync(app => app.MapGet("/ok", () => "ok"));
        var first = new MonitoringAppFactory();
        var client = first.CreateClient();
        var body = $$"""{"name":"orders","kind":"http","url":"{{new Uri(endpoint.BaseAddress, "/ok")}}","interval":"200ms","timeout":"100ms"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/targets", Json(body), ct)).StatusCode);
        Wait.Until(() => Probes(client, "orders") >= 3, "three probes of 'orders' have run");
        await first.DisposeAsync();

        await using var second = new MonitoringAppFactory(dataDir: first.DataDir);
        var again = second.CreateClient();
        var target = await again.GetFromJsonAsync<JsonElement>("/targets/orders", ct);
        Assert.Equal("200ms", target.GetProperty("interval").GetString());

        var raw = await again.GetFromJsonAsync<JsonElement>("/targets/orders/history?range=1h", ct);
        Assert.True(raw.EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()) >= 3);
        var rollups = await again.GetFromJsonAsync<JsonElement>("/targets/orders/history?range=24h", ct);
        Assert.True(rollups.EnumerateArray().Sum(p => p.GetProperty("count").GetInt32()) >= 3);
        Assert.All(rollups.EnumerateArray(), p => Assert.True(p.GetProperty("averageMs").GetDouble() > 0));
    }

    [Fact]
    public async Task Restart_ConfigTargetDeletedByOperator_DoesNotComeBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = new MonitoringAppFactory();
        await File.WriteAllTextAsync(Path.Combine(first.DataDir, "config", "targets.yml"),
            "targets:\n  - {name: queue, kind: tcp, host: 127.0.0.1, port: 9}\n  - {name: cache, kind: tcp, host: 127.0.0.1, port: 9}\n", ct);
        var client = first.CreateClient();
        var list = await client.GetFromJsonAsync<JsonElement>("/targets", ct);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/targets/queue", ct)).StatusCode);
        await first.DisposeAsync();

        await using var second = new MonitoringAppFactory(dataDir: first.DataDir);
        var names = (await second.CreateClient().GetFromJsonAsync<JsonElement>("/targets", ct))
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(["cache"], names);
    }

    private static int Probes(HttpClient client, string name)
    {
        var health = client.GetFromJsonAsync<JsonElement>("/health").GetAwaiter().GetResult();
        return (int)health.GetProperty("history").GetProperty("recorded").GetInt64();
    }
}
