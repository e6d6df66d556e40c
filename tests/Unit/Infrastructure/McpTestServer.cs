using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// A real C# SDK MCP server on Kestrel (127.0.0.1, port 0 unless given) that records every JSON-RPC method it
/// receives, so tests can count handshakes, pings and listings. It can answer 503 and grow its tool list.
/// </summary>
public sealed class McpTestServer : IAsyncDisposable
{
    public const string ServerName = "probe-test-server";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _methods;
    private readonly ConcurrentQueue<Tool> _addedTools;

    private McpTestServer(WebApplication app, ConcurrentQueue<string> methods, ConcurrentQueue<Tool> addedTools)
    {
        _app = app;
        _methods = methods;
        _addedTools = addedTools;
    }

    public int Port { get; private set; }

    /// <summary>The Streamable HTTP endpoint.</summary>
    public string Url => $"http://127.0.0.1:{Port}/mcp";

    /// <summary>The legacy HTTP+SSE endpoint (only with <c>legacySse</c>).</summary>
    public string SseUrl => $"http://127.0.0.1:{Port}/mcp/sse";

    /// <summary>When set, every request gets 503 before the MCP handler sees it.</summary>
    public bool Unavailable { get; set; }

    public IReadOnlyList<string> Methods => [.. _methods];

    public int Count(string method) => _methods.Count(m => m == method);

    public static async Task<McpTestServer> StartAsync(
        HttpServerSessionMode mode = HttpServerSessionMode.StatefulForInitializeClients,
        bool legacySse = false,
        int port = 0,
        string version = "1.0.0",
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        var addedTools = new ConcurrentQueue<Tool>();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port));
        builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = ServerName, Version = version })
            .WithHttpTransport(o =>
            {
                o.SessionMode = mode;
                // Obsolete on purpose (no backpressure); a monitor still has to watch servers that only speak it.
#pragma warning disable MCP9004
                o.EnableLegacySse = legacySse;
#pragma warning restore MCP9004
            })
            .WithTools<TestTools>()
            // Listed alongside the [McpServerTool] methods. Mutating ToolCollection instead is not seen by
            // stateless (2026-07-28) requests, which list from a snapshot.
            .WithListToolsHandler((_, _) => ValueTask.FromResult(new ListToolsResult { Tools = [.. addedTools] }));
        var app = builder.Build();
        var methods = new ConcurrentQueue<string>();
        var server = new McpTestServer(app, methods, addedTools);
        app.Use(async (context, next) =>
        {
            if (server.Unavailable)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("maintenance");
                return;
            }

            if (HttpMethods.IsPost(context.Request.Method))
            {
                await RecordMethodsAsync(context.Request, methods);
            }

            await next();
        });
        app.MapMcp("/mcp");
        await app.StartAsync(cancellationToken);
        server.Port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return server;
    }

    /// <summary>Adds a tool at runtime: the next tools/list shows it (a drift).</summary>
    public void AddTool(string name) => _addedTools.Enqueue(new Tool
    {
        Name = name,
        Description = "Added at runtime.",
        InputSchema = JsonDocument.Parse("""{"type":"object","properties":{"text":{"type":"string"}}}""").RootElement,
    });

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static async Task RecordMethodsAsync(HttpRequest request, ConcurrentQueue<string> methods)
    {
        request.EnableBuffering();
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var messages = body.RootElement.ValueKind == JsonValueKind.Array ? [.. body.RootElement.EnumerateArray()] : new[] { body.RootElement };
            foreach (var message in messages)
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("method", out var method))
                {
                    methods.Enqueue(method.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON-RPC: the MCP handler will say so.
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    [McpServerToolType]
    public sealed class TestTools
    {
        [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
        public static string Echo([Description("Text to echo")] string message) => message;

        [McpServerTool(Name = "add"), Description("Adds two numbers.")]
        public static int Add(int a, int b) => a + b;
    }
}
