using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace McpMonitoring.Engine.Alerting;

/// <summary>
/// An alert's identity: a hash of its sorted label set (as Alertmanager does), so the same alert sent
/// again updates rather than duplicates. Annotations and severity changes do not change it.
/// </summary>
public static class Fingerprint
{
    public static string Of(IReadOnlyDictionary<string, string> labels)
    {
        var hash = new XxHash64();
        Span<byte> separator = [0xff];
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (value.Length == 0)
            {
                continue; // an empty label is the same as an absent one in Prometheus' model
            }

            hash.Append(Encoding.UTF8.GetBytes(name));
            hash.Append(separator);
            hash.Append(Encoding.UTF8.GetBytes(value));
            hash.Append(separator);
        }

        Span<byte> digest = stackalloc byte[8];
        hash.GetCurrentHash(digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }
}
