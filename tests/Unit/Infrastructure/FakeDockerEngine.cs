using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>
/// No Docker engine runs here, so this answers on a unix socket the way the documented Docker Engine API
/// does for GET /containers/{id}/json (ContainerInspectResponse: Id, Name, State.Status/Running/ExitCode,
/// State.Health.Status/FailingStreak) and 404 {"message": "No such container: x"}; with or without a
/// /v1.xx version prefix.
/// </summary>
internal sealed class FakeDockerEngine : IAsyncDisposable
{
    private LocalHttpServer _server = null!;

    public string SocketPath { get; } = Path.Combine(Directory.CreateTempSubdirectory("mcpmon-docker-").FullName, "docker.sock");

    public ConcurrentDictionary<string, ContainerState> Containers { get; } = new();

    public static async Task<FakeDockerEngine> StartAsync()
    {
        var engine = new FakeDockerEngine();
        engine._server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/containers/{id}/json", (string id) => engine.Inspect(id));
            app.MapGet("/v{version}/containers/{id}/json", (string id) => engine.Inspect(id));
            app.MapGet("/_ping", () => Results.Text("OK"));
        }, engine.SocketPath);
        return engine;
    }

    private IResult Inspect(string id)
    {
        var match = Containers.FirstOrDefault(c => c.Key == id || c.Value.Id.StartsWith(id, StringComparison.Ordinal));
        if (match.Value is null)
        {
            return Results.Json(new { message = $"No such container: {id}" }, statusCode: 404);
        }

        var state = match.Value;
        return Results.Json(new
        {
            Id = state.Id,
            Name = "/" + match.Key,
            State = new
            {
                Status = state.Status,
                Running = state.Status == "running",
                Paused = state.Status == "paused",
                Restarting = false,
                OOMKilled = false,
                Dead = false,
                Pid = state.Status == "running" ? 4242 : 0,
                ExitCode = state.ExitCode,
                Error = "",
                StartedAt = "2026-11-29T10:00:00.000000000Z",
                FinishedAt = "0001-01-01T00:00:00Z",
                Health = state.Health is null ? null : new { Status = state.Health, FailingStreak = state.Health == "unhealthy" ? 3 : 0, Log = Array.Empty<object>() },
            },
        }, new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = null, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}

internal sealed record ContainerState(string Id, string Status, string? Health = null, int ExitCode = 0);
