using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>A real Kestrel server on 127.0.0.1:random (or a unix socket) whose routes the test defines.</summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LocalHttpServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<LocalHttpServer> StartAsync(Action<WebApplication> routes, string? unixSocket = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            if (unixSocket is null)
            {
                k.Listen(System.Net.IPAddress.Loopback, 0);
            }
            else
            {
                k.ListenUnixSocket(unixSocket);
            }
        });
        var app = builder.Build();
        routes(app);
        await app.StartAsync();
        var server = new LocalHttpServer(app);
        if (unixSocket is null)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            server.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
