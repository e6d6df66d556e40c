using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpMonitoring.Web.Demo;

/// <summary>Tools of the demo MCP server, so the MCP probe has something real to list and hash.</summary>
[McpServerToolType]
public sealed class DemoTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
    public static string Echo([Description("Text to echo")] string message) => message;

    [McpServerTool(Name = "query_orders"), Description("Counts demo orders in a state.")]
    public static int QueryOrders([Description("Order state, e.g. open or shipped")] string state) =>
        state.Length * 7;
}
