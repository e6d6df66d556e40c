using System.Text.Json.Serialization;

namespace McpMonitoring.Engine.Metrics.Custom;

/// <summary>The body of <c>POST /metrics/custom</c>.</summary>
public sealed class CustomMetricInput
{
    public string? Name { get; set; }

    /// <summary><c>counter</c>, <c>gauge</c> or <c>histogram</c>.</summary>
    public string? Type { get; set; }

    public string? Help { get; set; }

    public List<string>? LabelNames { get; set; }

    /// <summary>Histograms only; named literals are read so that NaN and Infinity get a precise error, not a parse error.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public List<double>? Buckets { get; set; }

    /// <summary>Who defines it, for the audit log (default: the caller's identity).</summary>
    public string? CreatedBy { get; set; }
}

/// <summary>One observation: <c>op</c> (counter: inc; gauge: set, inc, dec; histogram: observe), <c>value</c> and <c>labels</c>.</summary>
public class CustomSampleInput
{
    /// <summary>Default: <c>inc</c> for counters, <c>set</c> for gauges, <c>observe</c> for histograms.</summary>
    public string? Op { get; set; }

    /// <summary>Default 1 for inc and dec; required for set and observe.</summary>
    [JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
    public double? Value { get; set; }

    /// <summary>One value for every label name of the definition, and no other.</summary>
    public Dictionary<string, string?>? Labels { get; set; }
}

/// <summary>
/// The body of <c>POST /metrics/custom/{name}/samples</c>: either one sample (<c>op</c>, <c>value</c>, <c>labels</c>)
/// or a batch in <c>samples</c>, applied all or nothing.
/// </summary>
public sealed class CustomSamplesRequest : CustomSampleInput
{
    public List<CustomSampleInput>? Samples { get; set; }
}

/// <summary>What a samples request did.</summary>
/// <param name="Recorded">Samples applied.</param>
/// <param name="SeriesCount">The metric's label-value combinations afterwards.</param>
public sealed record CustomSamplesResult(int Recorded, int SeriesCount);
