using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace McpMonitoring.Engine.Health.Probes;

/// <summary>
/// Asks the Docker Engine API on its unix socket for a container's state (GET /containers/{id}/json):
/// healthy when it runs and, if it has a HEALTHCHECK, Docker reports it healthy.
/// </summary>
public sealed class ContainerProbe(TimeProvider time) : IProbe, IDisposable
{
    public const string DefaultSocket = "/var/run/docker.sock";
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    public TargetKind Kind => TargetKind.Container;

    public async Task<ProbeResult> ProbeAsync(TargetDefinition target, CancellationToken cancellationToken)
    {
        var start = time.GetTimestamp();
        var socketPath = target.DockerSocket ?? DefaultSocket;
        var client = _clients.GetOrAdd(socketPath, CreateClient);
        try
        {
            using var response = await client.GetAsync(
                new Uri($"/containers/{Uri.EscapeDataString(target.Container!)}/json", UriKind.Relative), cancellationToken).ConfigureAwait(false);
            var latency = time.GetElapsedTime(start);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return ProbeResult.Fail(latency, $"no such container: {target.Container}");
            }

            if (!response.IsSuccessStatusCode)
            {
                return ProbeResult.Fail(latency, $"Docker Engine API answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return Evaluate(document.RootElement, latency);
        }
        catch (HttpRequestException ex)
        {
            return ProbeResult.Fail(time.GetElapsedTime(start), $"Docker Engine API at {socketPath} unreachable: {ex.InnerException?.Message ?? ex.Message}");
        }
        catch (JsonException ex)
        {
            return ProbeResult.Fail(time.GetElapsedTime(start), $"Docker Engine API sent invalid JSON: {ex.Message}");
        }
    }

    internal static ProbeResult Evaluate(JsonElement container, TimeSpan latency)
    {
        if (!container.TryGetProperty("State", out var state))
        {
            return ProbeResult.Fail(latency, "container inspect response has no State");
        }

        var status = state.TryGetProperty("Status", out var s) ? s.GetString() : null;
        var running = state.TryGetProperty("Running", out var r) && r.ValueKind == JsonValueKind.True;
        if (!running)
        {
            var exitCode = state.TryGetProperty("ExitCode", out var e) ? e.GetInt32() : 0;
            return ProbeResult.Fail(latency, $"container is {status ?? "not running"} (exit code {exitCode})");
        }

        if (state.TryGetProperty("Health", out var health) && health.ValueKind == JsonValueKind.Object
            && health.TryGetProperty("Status", out var hs) && hs.GetString() is { } healthStatus && healthStatus != "healthy")
        {
            var failing = health.TryGetProperty("FailingStreak", out var f) ? f.GetInt32() : 0;
            return ProbeResult.Fail(latency, $"container health is {healthStatus} (failing streak {failing})");
        }

        return ProbeResult.Ok(latency);
    }

    private static HttpClient CreateClient(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        // The host name is ignored on a unix socket; Docker's own clients use "docker".
        return new HttpClient(handler) { BaseAddress = new Uri("http://docker"), Timeout = Timeout.InfiniteTimeSpan };
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }
}
