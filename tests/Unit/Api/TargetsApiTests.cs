using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Api;

public sealed class TargetsApiTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new();
    private HttpClient _client = null!;

    public ValueTask InitializeAsync()
    {
        _client = _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Post_ValidTarget_CreatedAndListed()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await _client.PostAsync("/targets", Json("""{"name":"orders-api","kind":"http","url":"http://127.0.0.1:9/healthz","interval":"15s","timeout":"2s","labels":{"team":"automation"}}"""), ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/targets/orders-api", response.Headers.Location?.ToString());

        var list = await _client.GetFromJsonAsync<JsonElement>("/targets", ct);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        var item = list.GetProperty("items")[0];
        Assert.Equal("orders-api", item.GetProperty("name").GetString());
        Assert.Equal("15s", item.GetProperty("interval").GetString());
        Assert.Equal("http", item.GetProperty("kind").GetString());
        Assert.Equal("automation", item.GetProperty("labels").GetProperty("team").GetString());
    }

    [Fact]
    public async Task Post_MissingUrl_ValidationProblemNamesField()
    {
        var response = await _client.PostAsync("/targets", Json("""{"name":"x","kind":"http"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Contains("url is required", problem.GetProperty("errors").GetProperty("url")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_BadDuration_ProblemNamesPath()
    {
        var response = await _client.PostAsync("/targets", Json("""{"name":"x","kind":"http","url":"http://a/","interval":"soon"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("'soon' is not a duration", body, StringComparison.Ordinal);
        Assert.Contains("$.interval", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownField_Rejected()
    {
        var response = await _client.PostAsync("/targets", Json("""{"name":"x","kind":"http","url":"http://a/","intervall":"5s"}"""), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("intervall", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WrongContentType_415()
    {
        var response = await _client.PostAsync("/targets", new StringContent("name=x"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Put_CreatingCycle_RejectedWithCycleNamed_NothingChanged()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/targets", Json("""{"name":"a","kind":"tcp","host":"127.0.0.1","port":9}"""), ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync("/targets", Json("""{"name":"b","kind":"tcp","host":"127.0.0.1","port":9,"dependsOn":["a"]}"""), ct)).StatusCode);

        var response = await _client.PutAsync("/targets/a", Json("""{"name":"a","kind":"tcp","host":"127.0.0.1","port":9,"dependsOn":["b"]}"""), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("dependency cycle: a -> b -> a", await response.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var a = await _client.GetFromJsonAsync<JsonElement>("/targets/a", ct);
        Assert.Equal(0, a.GetProperty("dependsOn").GetArrayLength());
    }

    [Fact]
    public async Task Delete_TargetWithDependents_Conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        await _client.PostAsync("/targets", Json("""{"name":"db","kind":"tcp","host":"127.0.0.1","port":9}"""), ct);
        await _client.PostAsync("/targets", Json("""{"name":"api","kind":"tcp","host":"127.0.0.1","port":9,"dependsOn":["db"]}"""), ct);

        var conflict = await _client.DeleteAsync("/targets/db", ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("'api'", await conflict.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/targets/api", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync("/targets/db", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/targets/db", ct)).StatusCode);
    }
}
