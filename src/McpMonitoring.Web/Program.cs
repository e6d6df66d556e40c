using McpMonitoring.Engine.Hosting;
using McpMonitoring.Web;

var builder = WebApplication.CreateBuilder(args);
builder.ConfigureMonitoringHost();
builder.Services.AddMonitoringEngine(builder.Configuration);
builder.Services.AddMonitoringWeb(builder.Configuration);

var app = builder.Build();
app.UseMonitoringWeb();
app.Run();

/// <summary>Entry point; public so WebApplicationFactory can host it in tests.</summary>
public partial class Program;
