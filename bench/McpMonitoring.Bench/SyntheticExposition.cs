using System.Globalization;
using System.Text;

namespace McpMonitoring.Bench;

/// <summary>
/// A deterministic node-exporter-like exposition of about the requested size: many families, each with HELP and
/// TYPE; counters and gauges with 2-5 labels, histograms with 12 buckets, untyped families; some escapes in label
/// values and HELP text; values in Go's float formatting (exponents for large and small numbers).
/// </summary>
public static class SyntheticExposition
{
    private static readonly string[] Devices = ["eth0", "eth1", "lo", "docker0", "veth1a2b3c", "ens5"];
    private static readonly string[] Modes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly string[] Mounts = ["/", "/boot", "/var/lib/docker", "/run", "/home", "C:\\\\Program Files\\\\x"];
    private static readonly string[] FsTypes = ["ext4", "xfs", "tmpfs", "overlay"];
    private static readonly double[] Bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    public static byte[] Generate(int targetBytes, int seed = 4)
    {
        var random = new Random(seed);
        var text = new StringBuilder(targetBytes + 4096);
        for (var family = 0; text.Length < targetBytes; family++)
        {
            switch (family % 5)
            {
                case 0:
                    Counter(text, random, family);
                    break;
                case 1:
                    Gauge(text, random, family);
                    break;
                case 2:
                    Histogram(text, random, family);
                    break;
                case 3:
                    Counter(text, random, family);
                    break;
                default:
                    Untyped(text, random, family);
                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Sample lines in an exposition (lines that are neither blank nor comments).</summary>
    public static int CountSamples(ReadOnlySpan<byte> text)
    {
        var samples = 0;
        foreach (var range in text.Split((byte)'\n'))
        {
            var line = text[range];
            samples += line.IsEmpty || line[0] == '#' ? 0 : 1;
        }

        return samples;
    }

    private static void Counter(StringBuilder text, Random random, int family)
    {
        var name = $"node_subsystem{family}_operations_total";
        Header(text, name, "counter", family, "Total number of operations completed by the subsystem.");
        foreach (var device in Devices)
        {
            foreach (var mode in Modes.Take(1 + (family % Modes.Length)))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}{{device=\"{device}\",mode=\"{mode}\",instance=\"node-{family % 7}:9100\"}} ")
                    .Append(Value(random, large: true)).Append('\n');
            }
        }
    }

    private static void Gauge(StringBuilder text, Random random, int family)
    {
        var name = $"node_filesystem{family}_avail_bytes";
        Header(text, name, "gauge", family, "Filesystem space available to non-root users in bytes.");
        foreach (var mount in Mounts)
        {
            foreach (var fs in FsTypes)
            {
                // An escaped quote in the role of the root filesystem's samples, escaped backslashes in one mount point.
                var role = mount == "/" ? "db \\\"primary\\\"" : "db";
                text.Append(CultureInfo.InvariantCulture, $"{name}{{device=\"/dev/sd{(char)('a' + (family % 4))}1\",fstype=\"{fs}\",mountpoint=\"{mount}\",node=\"n{family % 3}\",role=\"{role}\"}} ")
                    .Append(Value(random, large: random.Next(2) == 0)).Append('\n');
            }
        }
    }

    private static void Histogram(StringBuilder text, Random random, int family)
    {
        var name = $"http_server{family}_request_duration_seconds";
        Header(text, name, "histogram", family, "Latency of HTTP requests.\\nBuckets in seconds.");
        foreach (var handler in new[] { "/api/v1/query", "/metrics", "/-/healthy" })
        {
            foreach (var code in new[] { "200", "500" })
            {
                var cumulative = 0L;
                var labels = $"handler=\"{handler}\",code=\"{code}\"";
                foreach (var bound in Bounds)
                {
                    cumulative += random.Next(0, 5000);
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{bound.ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
                }

                cumulative += random.Next(0, 50);
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {cumulative}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} ").Append(Value(random, large: false)).Append('\n');
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {cumulative}\n");
            }
        }
    }

    private static void Untyped(StringBuilder text, Random random, int family)
    {
        var name = $"node_textfile{family}_info";
        Header(text, name, "untyped", family, "Metadata from the textfile collector.");
        for (var i = 0; i < 4; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name}{{file=\"/var/lib/node/f{i}.prom\",host=\"h{family}\"}} {i}\n");
        }
    }

    private static void Header(StringBuilder text, string name, string type, int family, string help)
    {
        // A backslash escape in every tenth HELP line.
        var escaped = family % 10 == 0 ? help + " Path: C:\\\\temp." : help;
        text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {escaped}\n# TYPE {name} {type}\n");
    }

    /// <summary>A sample value: an integer, a decimal, or a number with an exponent.</summary>
    private static string Value(Random random, bool large)
    {
        var value = large ? random.NextDouble() * Math.Pow(10, random.Next(3, 13)) : random.NextDouble() * Math.Pow(10, -random.Next(0, 6));
        if (random.Next(4) == 0)
        {
            return Math.Round(value).ToString(CultureInfo.InvariantCulture);
        }

        // client_golang prints large and small values with an exponent (1.2345e+09) and others as decimals.
        return random.Next(2) == 0
            ? value.ToString("0.#####e+00", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
    }
}
