using McpStdioServer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// "--pid-file PATH": append this process id to PATH, one line per start, so tests can count spawns and
// watch the child exit.
var pidFile = args.SkipWhile(a => a != "--pid-file").Skip(1).FirstOrDefault();
if (pidFile is not null)
{
    await File.AppendAllTextAsync(pidFile, $"{Environment.ProcessId}\n");
}

var builder = Host.CreateApplicationBuilder(args);
// stdout carries the protocol: every log line goes to stderr.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddMcpServer(o => o.ServerInfo = new() { Name = "stdio-test-server", Version = "3.1.0" })
    .WithStdioServerTransport()
    .WithTools<StdioTools>();
await builder.Build().RunAsync();
