using System.Reflection;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>Paths the build bakes into this assembly (see the AssemblyMetadata items in the project file).</summary>
internal static class TestPaths
{
    /// <summary>The stdio MCP server built with the solution (tests/McpStdioServer).</summary>
    public static string McpStdioServerDll => Existing(Metadata("McpStdioServerDll"), "build the solution (dotnet build)");

    /// <summary>The TypeScript SDK reference server, installed by scripts/test.sh (npm ci in tests/peers).</summary>
    public static string EverythingServerJs => Existing(
        Path.Combine(Metadata("PeersDir"), "node_modules", "@modelcontextprotocol", "server-everything", "dist", "index.js"),
        "run `npm ci` in tests/peers (scripts/test.sh does it)");

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static string Existing(string path, string hint) =>
        File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: {hint}.", path);
}
