using System.Net;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// The one HTTP client every scrape shares: pooled connections kept longer than a scrape interval (a new
/// connection per scrape costs both sides about twice the CPU), compressed bodies accepted.
/// </summary>
public sealed class ScrapeHttpClient : IDisposable
{
    public ScrapeHttpClient()
    {
        Client = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            MaxConnectionsPerServer = 64,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            UseCookies = false,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        Client.DefaultRequestHeaders.UserAgent.ParseAdd("McpMonitoring/1.0");
    }

    public HttpClient Client { get; }

    public void Dispose() => Client.Dispose();
}
