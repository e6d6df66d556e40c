using System.ComponentModel;
using ModelContextProtocol.Server;

namespace McpStdioServer;

[McpServerToolType]
public sealed class StdioTools
{
    [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
    public static string Echo([Description("Text to echo")] string message) => message;

    [McpServerTool(Name = "add"), Description("Adds two numbers.")]
    public static int Add(int a, int b) => a + b;

    [McpServerTool(Name = "pid"), Description("The server's process id.")]
    public static int Pid() => Environment.ProcessId;
}
