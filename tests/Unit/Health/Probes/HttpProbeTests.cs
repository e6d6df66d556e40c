using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Health.Probes;

public sealed class HttpProbeTests : IAsyncLifetime
{
    private readonly HttpProbe _probe = new(TimeProvider.System, Options.Create(new MonitoringOptions()));
    private LocalHttpServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await LocalHttpServer.StartAsync(app =>
    {
        app.MapGet("/ok", () => "ok");
        app.MapGet("/down", () => Results.StatusCode(503));
        app.MapGet("/created", () => Results.StatusCode(201));
        app.MapGet("/json", () => Results.Json(new { status = "up", checks = new[] { new { name = "db", state = "ok" } } }));
        app.MapGet("/text", () => "all systems nominal");
    });

    public async ValueTask DisposeAsync()
    {
        _probe.Dispose();
        await _server.DisposeAsync();
    }

    private Task<ProbeResult> Probe(string path, Action<TargetDefinition>? configure = null)
    {
        var target = new TargetDefinition { Name = "t", Kind = TargetKind.Http, Url = new Uri(_server.BaseAddress, path).ToString() };
        configure?.Invoke(target);
        return _probe.ProbeAsync(target, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Probe_200_Success()
    {
        var result = await Probe("/ok");
        Assert.True(result.Success, result.Error);
        Assert.True(result.Latency > TimeSpan.Zero);
    }

    [Fact]
    public async Task Probe_503_FailureNamesStatus()
    {
        var result = await Probe("/down");
        Assert.False(result.Success);
        Assert.Equal("HTTP 503 Service Unavailable, expected 2xx", result.Error);
    }

    [Fact]
    public async Task Probe_ExpectStatusMismatch_Failure()
    {
        var result = await Probe("/created", t => t.ExpectStatus = 200);
        Assert.Equal("HTTP 201 Created, expected 200", result.Error);
        Assert.True((await Probe("/created", t => t.ExpectStatus = 201)).Success);
    }

    [Fact]
    public async Task Probe_JsonPathCondition_Evaluated()
    {
        Assert.True((await Probe("/json", t => { t.JsonPath = "$.checks[0].state"; t.JsonValue = "ok"; })).Success);
        var wrong = await Probe("/json", t => { t.JsonPath = "$.status"; t.JsonValue = "ok"; });
        Assert.Equal("$.status is 'up', expected 'ok'", wrong.Error);
        var missing = await Probe("/json", t => t.JsonPath = "$.nothing");
        Assert.Equal("$.nothing not found in the response", missing.Error);
        var notJson = await Probe("/text", t => t.JsonPath = "$.status");
        Assert.StartsWith("response is not JSON", notJson.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_BodyContains_Evaluated()
    {
        Assert.True((await Probe("/text", t => t.BodyContains = "nominal")).Success);
        Assert.Equal("body does not contain 'failure'", (await Probe("/text", t => t.BodyContains = "failure")).Error);
    }

    [Fact]
    public async Task Probe_NothingListening_FailureNamesCause()
    {
        var port = FreePort();
        var result = await _probe.ProbeAsync(new TargetDefinition { Name = "t", Kind = TargetKind.Http, Url = $"http://127.0.0.1:{port}/" }, TestContext.Current.CancellationToken);
        Assert.False(result.Success);
        Assert.Contains("refused", result.Error, StringComparison.OrdinalIgnoreCase);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
