using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Health;

[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    [JsonStringEnumMemberName("http")] Http,
    [JsonStringEnumMemberName("tcp")] Tcp,
    [JsonStringEnumMemberName("mcp")] Mcp,
    [JsonStringEnumMemberName("database")] Database,
    [JsonStringEnumMemberName("container")] Container,
}
