using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>A real HTTP endpoint (LocalHttpServer) that records every POST and answers with a status the test can change.</summary>
internal sealed class RecordingReceiver : IAsyncDisposable
{
    private LocalHttpServer _server = null!;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>What the next requests are answered with (503 simulates a receiver that is down).</summary>
    public int StatusCode { get; set; } = 200;

    public int Attempts => _attempts;

    private int _attempts;

    public Uri BaseAddress => _server.BaseAddress;

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public static async Task<RecordingReceiver> StartAsync()
    {
        var receiver = new RecordingReceiver();
        receiver._server = await LocalHttpServer.StartAsync(app => app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            Interlocked.Increment(ref receiver._attempts);
            var status = receiver.StatusCode;
            if (status < 300)
            {
                receiver.Requests.Enqueue(new ReceivedRequest(
                    context.Request.Path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            }

            return Results.StatusCode(status);
        }));
        return receiver;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

internal sealed record ReceivedRequest(string Path, Dictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
