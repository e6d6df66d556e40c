using System.Net.Sockets;
using ModelContextProtocol;
using ModelContextProtocol.Client;

namespace McpMonitoring.Engine.Health.Probes.Mcp;

/// <summary>Turns SDK and transport exceptions into one line an operator can act on.</summary>
/// <remarks>
/// The SDK wraps transport failures a few levels deep; the useful part (an HTTP status, "Connection refused
/// (host:port)", a JSON-RPC error code, a child's exit code and stderr) is whichever layer knows it.
/// </remarks>
internal static class McpErrorDescriber
{
    public static string Describe(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { StatusCode: { } status }:
                    return $"HTTP {(int)status} {status}{Body(e.Message)}";
                case HttpRequestException when e.InnerException is SocketException:
                    return e.Message; // "Connection refused (127.0.0.1:5000)"
                case ClientTransportClosedException closed:
                    return Describe(closed.Details);
                case McpProtocolException protocol:
                    return $"{protocol.Message} (JSON-RPC error {(int)protocol.ErrorCode})";
                case TimeoutException:
                    return $"timed out: {e.Message}";
            }
        }

        // Generic wrappers ("Failed to connect transport.") hide the cause in the innermost exception.
        var innermost = ex.GetBaseException();
        return ReferenceEquals(innermost, ex) ? ex.Message : $"{ex.Message} {innermost.Message}";
    }

    /// <summary>The status code of an HTTP failure, if any: it decides whether another transport is worth a try.</summary>
    public static int? HttpStatus(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { StatusCode: { } status })
            {
                return (int)status;
            }
        }

        return null;
    }

    /// <summary>The SDK puts the response body at the end of its message; a proxy's error page says what is wrong.</summary>
    private static string Body(string message)
    {
        const string marker = "Response body: ";
        var at = message.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return "";
        }

        var body = message[(at + marker.Length)..].Trim();
        return body.Length == 0 ? "" : $": {(body.Length > 200 ? body[..200] + "..." : body)}";
    }

    /// <summary>Why a session ended: a stdio child's exit code and last stderr lines, an HTTP status.</summary>
    public static string Describe(ClientCompletionDetails details) => details switch
    {
        StdioClientCompletionDetails stdio => $"the server process exited (code {stdio.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"})"
            + (stdio.StandardErrorTail is { Count: > 0 } tail ? $"; stderr: {string.Join(" | ", tail.TakeLast(3))}" : ""),
        HttpClientCompletionDetails { HttpStatusCode: { } status } => $"HTTP {(int)status} {status}: the server closed the session",
        { Exception: { } inner } => Describe(inner),
        _ => "the server closed the session",
    };
}
