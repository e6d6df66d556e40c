using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace McpMonitoring.Web.Api;

/// <summary>
/// Reads a JSON request body strictly: wrong content type is 415, a body over the limit 413, and malformed JSON
/// or an unknown field a 400 that names the path, so clients learn exactly what to fix.
/// </summary>
internal static class JsonBody
{
    public const long MaxBytes = 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        AllowTrailingCommas = false,
    };

    /// <summary>Peers' formats (Alertmanager's alerts) are read leniently: unknown fields are ignored there, as the peer does.</summary>
    private static readonly JsonSerializerOptions LenientOptions = new(JsonSerializerDefaults.Web);

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, bool strict = true)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: 415, title: "Unsupported media type",
                detail: $"Send the body as application/json, not '{request.ContentType ?? "(none)"}'."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TypedResults.Problem(statusCode: 413, title: "Body too large", detail: $"The body may be at most {MaxBytes} bytes."));
        }

        try
        {
            using var limited = new LimitedStream(request.Body, MaxBytes);
            var value = await JsonSerializer.DeserializeAsync<T>(limited, strict ? Options : LenientOptions, cancellationToken);
            return value is null
                ? (null, TypedResults.Problem(statusCode: 400, title: "Invalid body", detail: "The body is empty or null."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 0 } path ? $" at {path}" : "";
            var detail = ex.InnerException is FormatException or JsonException ? ex.InnerException.Message : ex.Message;
            return (null, TypedResults.Problem(statusCode: 400, title: "Invalid JSON", detail: $"{detail}{where}".Trim()));
        }
        catch (InvalidDataException)
        {
            return (null, TypedResults.Problem(statusCode: 413, title: "Body too large", detail: $"The body may be at most {MaxBytes} bytes."));
        }
    }

    /// <summary>Stops reading past a limit even when Content-Length is absent (chunked bodies).</summary>
    private sealed class LimitedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int n)
        {
            _read += n;
            return _read > limit ? throw new InvalidDataException("body too large") : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
