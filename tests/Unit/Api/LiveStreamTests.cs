using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace McpMonitoring.Tests.Unit.Api;

/// <summary>/ws and the SignalR hub push a snapshot, then status changes as they happen.</summary>
public sealed class LiveStreamTests : IAsyncLifetime
{
    private readonly MonitoringAppFactory _factory = new();

    public ValueTask InitializeAsync()
    {
        _factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();

    private HealthMonitor Monitor => _factory.Services.GetRequiredService<HealthMonitor>();

    private void AddAndFail(string name)
    {
        Monitor.Upsert(new TargetDefinition { Name = name, Kind = TargetKind.Tcp, Host = "127.0.0.1", Port = 9, Interval = TimeSpan.FromHours(1), FailureThreshold = 1 }, TargetSource.Api);
        Monitor.TryGetRuntime(name, out var runtime);
        Monitor.ApplyResult(runtime, ProbeResult.Fail(TimeSpan.FromMilliseconds(1), "refused"));
    }

    [Fact]
    public async Task WebSocket_SnapshotThenStatusChange()
    {
        var ct = TestContext.Current.CancellationToken;
        Monitor.Upsert(new TargetDefinition { Name = "existing", Kind = TargetKind.Tcp, Host = "127.0.0.1", Port = 9, Interval = TimeSpan.FromHours(1) }, TargetSource.Api);
        using var socket = await _factory.Server.CreateWebSocketClient().ConnectAsync(new Uri(_factory.Server.BaseAddress, "ws"), ct);

        var snapshot = await ReceiveAsync(socket, ct);
        Assert.Equal("snapshot", snapshot.GetProperty("type").GetString());
        Assert.Contains(snapshot.GetProperty("targets").EnumerateArray(), t => t.GetProperty("name").GetString() == "existing");

        AddAndFail("db");
        JsonElement change;
        do
        {
            change = await ReceiveAsync(socket, ct);
        }
        while (change.GetProperty("type").GetString() != "targetStatusChanged");

        Assert.Equal("db", change.GetProperty("target").GetString());
        Assert.Equal("Unknown", change.GetProperty("from").GetString());
        Assert.Equal("Unhealthy", change.GetProperty("to").GetString());
        Assert.Equal("refused", change.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Hub_PushesStatusChange_AndStreamsSnapshotThenChanges()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_factory.Server.BaseAddress, "hubs/monitoring"), o =>
            {
                o.HttpMessageHandlerFactory = _ => _factory.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var pushed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<JsonElement>("TargetStatusChanged", e => pushed.TrySetResult(e));
        await hub.StartAsync(ct);

        var stream = hub.StreamAsync<JsonElement>("StreamHealth", ct).GetAsyncEnumerator(ct);
        Assert.True(await stream.MoveNextAsync());
        Assert.Equal("snapshot", stream.Current.GetProperty("type").GetString());

        AddAndFail("api");

        var pushedEvent = await pushed.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Equal("api", pushedEvent.GetProperty("target").GetString());
        Assert.Equal("Unhealthy", pushedEvent.GetProperty("to").GetString());
        JsonElement streamed;
        do
        {
            Assert.True(await stream.MoveNextAsync());
            streamed = stream.Current;
        }
        while (streamed.GetProperty("type").GetString() != "targetStatusChanged");

        Assert.Equal("api", streamed.GetProperty("target").GetString());
        await stream.DisposeAsync();
    }

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[1 << 20];
        var total = 0;
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer.AsMemory(total), ct).AsTask().WaitAsync(TimeSpan.FromSeconds(10), ct) is var r
                ? new WebSocketReceiveResult(r.Count, r.MessageType, r.EndOfMessage) : null!;
            total += result.Count;
        }
        while (!result.EndOfMessage);

        return JsonDocument.Parse(Encoding.UTF8.GetString(buffer, 0, total)).RootElement.Clone();
    }
}
