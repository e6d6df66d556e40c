using System.Collections.Concurrent;

namespace McpMonitoring.Web.Demo;

/// <summary>
/// The pretend infrastructure behind the demo fleet. Operators (and the E2E test) stop and start a
/// service to watch the console react: stopping the database takes the API and the MCP server down with it.
/// </summary>
public sealed class DemoServices
{
    public const string Database = "database";
    public const string Api = "api";
    public const string Mcp = "mcp";

    private readonly ConcurrentDictionary<string, bool> _running = new(StringComparer.Ordinal)
    {
        [Database] = true,
        [Api] = true,
        [Mcp] = true,
    };

    public IReadOnlyDictionary<string, bool> States => _running;

    public bool Exists(string name) => _running.ContainsKey(name);

    public bool SetRunning(string name, bool running) => _running.TryUpdate(name, running, !running) || _running.TryGetValue(name, out var now) && now == running;

    /// <summary>Why a service cannot answer, or null when it can (its own state, then what it depends on).</summary>
    public string? Failure(string name)
    {
        if (!_running.TryGetValue(name, out var running) || !running)
        {
            return $"{name} is stopped";
        }

        return name != Database && !_running[Database] ? $"{name} cannot reach the database" : null;
    }
}
