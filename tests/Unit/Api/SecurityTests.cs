using System.Net;
using System.Net.WebSockets;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace McpMonitoring.Tests.Unit.Api;

public sealed class SecurityTests : IAsyncLifetime
{
    private const string Key = "s3cret-key";
    private readonly MonitoringAppFactory _factory = new(new() { ["API_KEY"] = Key });

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private static StringContent Body() => new("""{"name":"q","kind":"tcp","host":"127.0.0.1","port":9}""", System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task Mutation_WithoutKey_401Problem_NothingWritten()
    {
        var client = _factory.CreateClient();
        var response = await client.PostAsync("/targets", Body(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/targets/q", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Mutation_WrongKey_401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/targets", Body(), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Mutation_WithKeyHeaderOrBearer_Allowed()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", Key);
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/targets", Body(), TestContext.Current.CancellationToken)).StatusCode);

        var bearer = _factory.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new("Bearer", Key);
        Assert.Equal(HttpStatusCode.NoContent, (await bearer.DeleteAsync("/targets/q", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Reads_StayOpen()
    {
        var client = _factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/detailed", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/targets", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task WebSocket_RequiresKey()
    {
        var ws = _factory.Server.CreateWebSocketClient();
        await Assert.ThrowsAnyAsync<Exception>(() => ws.ConnectAsync(new Uri(_factory.Server.BaseAddress, "ws"), TestContext.Current.CancellationToken));
        using var socket = await ws.ConnectAsync(new Uri(_factory.Server.BaseAddress, $"ws?access_token={Key}"), TestContext.Current.CancellationToken);
        Assert.Equal(WebSocketState.Open, socket.State);
    }

    [Fact]
    public async Task Hub_RequiresKey()
    {
        HubConnection Build(string? key) => new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/monitoring"), o =>
            {
                o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (key is not null)
                {
                    o.Headers["X-API-Key"] = key;
                }
            })
            .Build();

        await using var anonymous = Build(null);
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => anonymous.StartAsync(TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        await using var authorized = Build(Key);
        await authorized.StartAsync(TestContext.Current.CancellationToken);
        Assert.Equal(HubConnectionState.Connected, authorized.State);
    }
}
