using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using McpMonitoring.Engine.Alerting;
using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Streaming;
using McpMonitoring.Web.Security;

namespace McpMonitoring.Web.Api;

/// <summary>
/// WS /ws: one JSON text message per event. First <c>{"type":"snapshot","targets":[...],"alerts":[...]}</c>, then
/// <c>targetStatusChanged</c>, <c>mcpToolsDrifted</c>, <c>targetConfigurationChanged</c> and <c>alertChanged</c> events as they
/// happen (shapes in docs/API.md). A client that reads too slowly loses the oldest events, never the console's time.
/// </summary>
public static class MonitoringWebSocket
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static IEndpointRouteBuilder MapMonitoringWebSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/ws", HandleAsync).RequireAuthorization(ApiKeySecurity.StreamPolicy).WithTags("Live").ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext context, HealthMonitor monitor, AlertService alerts, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await Results.Problem(statusCode: 400, title: "WebSocket required", detail: "Connect to /ws with a WebSocket upgrade request.")
                .ExecuteAsync(context);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var (snapshot, watcher) = monitor.Subscribe(EventTopics.Alerts | EventTopics.Metrics);
        using (watcher)
        {
            var receive = DrainIncomingAsync(socket, stop);
            try
            {
                await SendAsync(socket, new SnapshotMessage(snapshot, alerts.GetActive()), stop.Token);
                await foreach (var batch in watcher.ReadBatchesAsync(stop.Token))
                {
                    foreach (var monitoringEvent in batch)
                    {
                        await SendAsync(socket, monitoringEvent, stop.Token);
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }

            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "server stopping", CancellationToken.None);
            }

            await receive;
        }
    }

    private static Task SendAsync<T>(WebSocket socket, T message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes<object>(message!, Json);
        return socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Reads (and ignores) client frames so a close from the client is noticed at once.</summary>
    private static async Task DrainIncomingAsync(WebSocket socket, CancellationTokenSource stop)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            await stop.CancelAsync();
        }
    }
}

/// <summary>The first message on /ws and from the hub's stream.</summary>
public sealed record SnapshotMessage(IReadOnlyList<TargetState> Targets, IReadOnlyList<AlertSnapshot> Alerts)
{
    public string Type => "snapshot";
}
