using System.Text;

namespace McpMonitoring.Engine.Metrics.Push;

/// <summary>The Pushgateway's URLs: its base from <c>PROMETHEUS_PUSHGATEWAY</c>, and a group's push URL under it.</summary>
public static class PushgatewayAddress
{
    /// <summary>
    /// Reads the base URL: absolute http(s) with a host, no query or fragment; a trailing <c>/metrics</c> (or <c>/</c>)
    /// is dropped so that both <c>http://host:9091</c> and <c>http://host:9091/metrics</c> name the same gateway.
    /// </summary>
    public static bool TryParse(string text, out Uri baseUri, out string? error)
    {
        baseUri = null!;
        var trimmed = text.Trim();
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{PushgatewayOptions.Key} must be an absolute http:// or https:// URL of a Pushgateway such as http://localhost:9091, not '{text}'.";
            return false;
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            error = $"{PushgatewayOptions.Key} must not have a query or fragment: '{text}'.";
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith("/metrics", StringComparison.Ordinal))
        {
            path = path[..^"/metrics".Length];
        }

        baseUri = new UriBuilder(uri) { Path = path + "/" }.Uri;
        error = null;
        return true;
    }

    /// <summary>
    /// <c>{base}/metrics/job/{job}/instance/{instance}</c>. A value that is empty or holds a <c>/</c> is sent in the
    /// Pushgateway's base64 form (<c>job@base64/...</c>), which is the only way it can carry them.
    /// </summary>
    public static Uri GroupUri(Uri baseUri, string job, string instance) =>
        new(baseUri, $"metrics/{Segment("job", job)}/{Segment("instance", instance)}");

    private static string Segment(string label, string value) =>
        value.Length == 0 || value.Contains('/', StringComparison.Ordinal)
            ? $"{label}@base64/{(value.Length == 0 ? "=" : Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).Replace('+', '-').Replace('/', '_'))}"
            : $"{label}/{Uri.EscapeDataString(value)}";
}
