using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Unit.Api;

public sealed class SuppressionApiTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new();
    private readonly FakeAlerts _alerts = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = null!;
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _app = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IAlertLookup>(_alerts)));
        _client = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _factory.DisposeAsync();
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static string In(TimeSpan span) => JsonSerializer.Serialize(DateTimeOffset.UtcNow + span);

    private static async Task<JsonElement> Body(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    [Fact]
    public async Task Silence_CreateEditExpire_StateAndAuditFollow()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _client.PostAsync("/silences", Json($$"""
            {"matchers":[{"name":"target","value":"orders","isRegex":false}],"endsAt":{{In(TimeSpan.FromHours(2))}},"comment":"deploy","createdBy":"alice"}
            """), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var silence = await Body(created);
        var id = silence.GetProperty("id").GetString()!;
        Assert.Equal($"/silences/{id}", created.Headers.Location?.ToString());
        Assert.Equal("active", silence.GetProperty("state").GetString());
        Assert.Equal("alice", silence.GetProperty("createdBy").GetString());

        var edited = await _client.PutAsync($"/silences/{id}", Json($$"""
            {"matchers":[{"name":"target","value":"orders-.*","isRegex":true}],"endsAt":{{In(TimeSpan.FromHours(3))}},"comment":"longer deploy"}
            """), ct);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.True((await Body(edited)).GetProperty("matchers")[0].GetProperty("isRegex").GetBoolean());

        var expired = await _client.DeleteAsync($"/silences/{id}", ct);
        Assert.Equal(HttpStatusCode.OK, expired.StatusCode);
        Assert.Equal("expired", (await Body(expired)).GetProperty("state").GetString());

        var list = await _client.GetFromJsonAsync<JsonElement>("/silences?state=expired", ct);
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetString());
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/silences?state=active", ct)).GetProperty("total").GetInt32());

        var audit = await _client.GetFromJsonAsync<JsonElement>($"/audit?subjectKind=silence&subjectId={id}", ct);
        var entries = audit.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
        Assert.Equal([("expire", "anonymous"), ("update", "anonymous"), ("create", "alice")], entries);
    }

    [Fact]
    public async Task Silence_Invalid_ValidationProblemNamesEachField()
    {
        var response = await _client.PostAsync("/silences", Json($$"""
            {"matchers":[{"name":"target","value":"(","isRegex":true}],"startsAt":{{In(TimeSpan.FromHours(2))}},"endsAt":{{In(TimeSpan.FromHours(1))}}}
            """), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.Contains("not a valid regular expression", errors.GetProperty("matchers[0].value")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("after startsAt", errors.GetProperty("endsAt")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("comment is required", errors.GetProperty("comment")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silence_UnknownFieldOrBadState_Rejected()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.PostAsync("/silences", Json("""{"matcher":[]}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("matcher", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        var list = await _client.GetAsync("/silences?state=muted", ct);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        Assert.True((await Body(list)).GetProperty("errors").TryGetProperty("state", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/silences/nope", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/silences/nope", ct)).StatusCode);
    }

    [Fact]
    public async Task Preview_ReturnsMatchingFiringAlerts()
    {
        _alerts.Fire(("alertname", "TargetDown"), ("target", "orders-api"));
        _alerts.Fire(("alertname", "TargetDown"), ("target", "orders-db"));
        _alerts.Fire(("alertname", "TargetDown"), ("target", "billing"));

        var response = await _client.PostAsync("/silences/preview",
            Json("""{"matchers":[{"name":"target","value":"orders-.*","isRegex":true}]}"""), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await Body(response);
        Assert.True(preview.GetProperty("available").GetBoolean());
        Assert.Equal(2, preview.GetProperty("total").GetInt32());
        Assert.Equal(["orders-api", "orders-db"], preview.GetProperty("alerts").EnumerateArray().Select(a => a.GetProperty("labels").GetProperty("target").GetString()));
    }

    [Fact]
    public async Task MaintenanceWindow_CrudAndOccurrences()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _client.PostAsync("/maintenance-windows", Json("""
            {"name":"nightly","targets":["postgres-main"],"cron":"30 2 * * *","duration":"1h","timeZone":"Europe/Berlin"}
            """), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var window = await Body(created);
        var id = window.GetProperty("id").GetString()!;
        Assert.Equal("recurring", window.GetProperty("kind").GetString());
        Assert.Equal("1h", window.GetProperty("duration").GetString());

        var occurrences = await _client.GetFromJsonAsync<JsonElement>($"/maintenance-windows/{id}/occurrences?count=5", ct);
        Assert.Equal(5, occurrences.GetArrayLength());
        foreach (var occurrence in occurrences.EnumerateArray())
        {
            var local = occurrence.GetProperty("localStartsAt").GetDateTimeOffset();
            Assert.True(local.TimeOfDay == new TimeSpan(2, 30, 0) || local.TimeOfDay == new TimeSpan(3, 0, 0));
            Assert.Equal(local.UtcDateTime, occurrence.GetProperty("startsAt").GetDateTimeOffset().UtcDateTime);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.GetAsync($"/maintenance-windows/{id}/occurrences?count=0", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/maintenance-windows/nope/occurrences", ct)).StatusCode);

        var updated = await _client.PutAsync($"/maintenance-windows/{id}", Json($$"""
            {"name":"one-off","matchers":[{"name":"team","value":"db"}],"startsAt":{{In(TimeSpan.FromMinutes(-5))}},"endsAt":{{In(TimeSpan.FromHours(1))}}}
            """), ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = await Body(updated);
        Assert.Equal("oneOff", after.GetProperty("kind").GetString());
        Assert.True(after.GetProperty("active").GetBoolean());
        Assert.Equal(1, (await _client.GetFromJsonAsync<JsonElement>("/maintenance-windows?active=true", ct)).GetProperty("total").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/maintenance-windows/{id}", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/maintenance-windows/{id}", ct)).StatusCode);
    }

    [Fact]
    public async Task MaintenanceWindow_Invalid_FieldsNamed()
    {
        var response = await _client.PostAsync("/maintenance-windows", Json("""
            {"name":"x","targets":["a"],"cron":"every night","duration":"1h","timeZone":"Nowhere/City"}
            """), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await Body(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("cron", out _));
        Assert.Contains("Nowhere/City", errors.GetProperty("timeZone")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InhibitionRule_Crud()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await _client.PostAsync("/inhibition-rules", Json("""
            {"name":"crit over warn","sourceMatchers":[{"name":"severity","value":"CRITICAL"}],"targetMatchers":[{"name":"severity","value":"WARNING"}],"equal":["target"]}
            """), ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await Body(created)).GetProperty("id").GetString()!;

        var updated = await _client.PutAsync($"/inhibition-rules/{id}", Json("""
            {"sourceMatchers":[{"name":"severity","value":"EMERGENCY"}],"targetMatchers":[{"name":"severity","value":"WARNING"}]}
            """), ct);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal("EMERGENCY", (await _client.GetFromJsonAsync<JsonElement>($"/inhibition-rules/{id}", ct)).GetProperty("sourceMatchers")[0].GetProperty("value").GetString());

        var invalid = await _client.PostAsync("/inhibition-rules", Json("""{"equal":["target"]}"""), ct);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((await Body(invalid)).GetProperty("errors").TryGetProperty("sourceMatchers", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/inhibition-rules/{id}", ct)).StatusCode);
        Assert.Equal(0, (await _client.GetFromJsonAsync<JsonElement>("/inhibition-rules", ct)).GetProperty("total").GetInt32());
    }
}
