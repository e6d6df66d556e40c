using System.Globalization;

namespace McpMonitoring.Web;

public static class HostingExtensions
{
    public const int DefaultPort = 10204;

    /// <summary>
    /// Listens on <c>MONITORING_PORT</c> (default 10204) unless URLs are given explicitly (--urls, ASPNETCORE_URLS);
    /// a bad port stops start-up with a message that names the variable.
    /// </summary>
    public static WebApplicationBuilder ConfigureMonitoringHost(this WebApplicationBuilder builder)
    {
        // Blazor's _content assets are served from the build output only when static web assets are on.
        builder.WebHost.UseStaticWebAssets();
        var portText = builder.Configuration["MONITORING_PORT"];
        var port = DefaultPort;
        if (!string.IsNullOrWhiteSpace(portText)
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"MONITORING_PORT must be a TCP port between 1 and 65535, not '{portText}'.");
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls($"http://0.0.0.0:{port}");
        }

        return builder;
    }
}
