using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace McpMonitoring.Tests.Unit.Storage;

/// <summary>
/// The whole console on a real PostgreSQL database (a fresh one per test): the EF model created by
/// EnsureCreated, targets through the API, and the raw ADO.NET history writer and query.
/// </summary>
public sealed class PostgresStorageTests(PostgresServer server) : IClassFixture<PostgresServer>
{
    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static MonitoringAppFactory Console(string connectionString, string? dataDir = null) =>
        new(new Dictionary<string, string?> { ["ConnectionStrings:Monitoring"] = connectionString }, dataDir);

    [Fact]
    public async Task Targets_CreateListRestart_Survive()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync("targets", ct);
        var first = Console(database);
        var client = first.CreateClient();
        var body = """{"name":"billing","kind":"tcp","host":"127.0.0.1","port":9,"interval":"1h","timeout":"1s"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/targets", Json(body), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/targets", Json(body), ct)).StatusCode);
        var list = await client.GetFromJsonAsync<JsonElement>("/targets", ct);
        Assert.Equal(["billing"], Names(list));
        await first.DisposeAsync();

        // The tables are really in PostgreSQL, not in a SQLite file beside the config.
        Assert.Equal(1L, await ScalarAsync(database, "SELECT COUNT(*) FROM targets WHERE \"Name\" = 'billing'", ct));
        Assert.False(File.Exists(Path.Combine(first.DataDir, "monitoring.db")));

        // Second start on the same database: EnsureCreated finds the schema and keeps the rows.
        await using var second = Console(database, first.DataDir);
        var again = second.CreateClient();
        Assert.Equal(["billing"], Names(await again.GetFromJsonAsync<JsonElement>("/targets", ct)));
        var target = await again.GetFromJsonAsync<JsonElement>("/targets/billing", ct);
        Assert.Equal("1h", target.GetProperty("interval").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await again.DeleteAsync("/targets/billing", ct)).StatusCode);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT COUNT(*) FROM targets", ct));
    }

    [Fact]
    public async Task ProbeHistory_WrittenAndQueried_AcrossRestarts()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync("history", ct);
        await using var endpoint = await LocalHttpServer.StartAsync(app => app.MapGet("/ok", () => "ok"));
        var first = Console(database);
        var client = first.CreateClient();
        var body = $$"""{"name":"orders","kind":"http","url":"{{new Uri(endpoint.BaseAddress, "/ok")}}","interval":"200ms","timeout":"150ms"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/targets", Json(body), ct)).StatusCode);
        Wait.Until(() => Probes(client) >= 3, "three probes of 'orders' have run");
        // Raw results straight from the writer (history is written in batches as they arrive).
        Wait.Until(() => Sum(client, "orders", "1h") >= 1, "raw history of 'orders' is in PostgreSQL");
        await first.DisposeAsync();

        // Raw rows: boolean success on PostgreSQL.
        Assert.True(await ScalarAsync(database, "SELECT COUNT(*) FROM probe_results WHERE success", ct) >= 3);

        var second = Console(database, first.DataDir);
        var again = second.CreateClient();
        var raw = await again.GetFromJsonAsync<JsonElement>("/targets/orders/history?range=1h", ct);
        Assert.True(Sum(raw) >= 3);
        Assert.All(raw.EnumerateArray(), p => Assert.Equal(0, p.GetProperty("failures").GetInt32()));
        var rollups = await again.GetFromJsonAsync<JsonElement>("/targets/orders/history?range=24h", ct);
        var rolledUp = Sum(rollups);
        Assert.True(rolledUp >= 3);
        Assert.All(rollups.EnumerateArray(), p => Assert.True(p.GetProperty("averageMs").GetDouble() > 0));

        // More probes after the restart fold into the same minutes (the merging upsert) and add up.
        var before = Probes(again);
        Wait.Until(() => Probes(again) >= before + 2, "two more probes after the restart");
        await second.DisposeAsync();
        await using var third = Console(database, first.DataDir);
        var last = await third.CreateClient().GetFromJsonAsync<JsonElement>("/targets/orders/history?range=24h", ct);
        Assert.True(Sum(last) >= rolledUp + 2, $"rollups {Sum(last)} after {rolledUp} + 2 more probes");
        Assert.Equal(1L, await ScalarAsync(database, "SELECT COUNT(*) FROM history_series WHERE \"TargetName\" = 'orders'", ct));
    }

    [Fact]
    public async Task ProbeHistory_Failures_CountedOnPostgres()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = await server.CreateDatabaseAsync("failures", ct);
        await using var endpoint = await LocalHttpServer.StartAsync(app => app.MapGet("/down", () => Results.StatusCode(503)));
        await using var console = Console(database);
        var client = console.CreateClient();
        var body = $$"""{"name":"payments","kind":"http","url":"{{new Uri(endpoint.BaseAddress, "/down")}}","interval":"200ms","timeout":"150ms"}""";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/targets", Json(body), ct)).StatusCode);
        Wait.Until(() => Failures(client, "payments") >= 2, "two failed probes of 'payments' are in raw history");
        Assert.True(await ScalarAsync(database, "SELECT COUNT(*) FROM probe_results WHERE NOT success", ct) >= 2);
    }

    private static List<string?> Names(JsonElement list) =>
        [.. list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString())];

    private static int Sum(JsonElement points) => points.EnumerateArray().Sum(p => p.GetProperty("count").GetInt32());

    private static int Sum(HttpClient client, string name, string range) =>
        Sum(client.GetFromJsonAsync<JsonElement>($"/targets/{name}/history?range={range}").GetAwaiter().GetResult());

    private static int Failures(HttpClient client, string name) =>
        client.GetFromJsonAsync<JsonElement>($"/targets/{name}/history?range=1h").GetAwaiter().GetResult()
            .EnumerateArray().Sum(p => p.GetProperty("failures").GetInt32());

    private static int Probes(HttpClient client)
    {
        var health = client.GetFromJsonAsync<JsonElement>("/health").GetAwaiter().GetResult();
        return (int)health.GetProperty("history").GetProperty("recorded").GetInt64();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
