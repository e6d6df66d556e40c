using System.IO.Hashing;
using System.Text;
using System.Text.Json;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Rollups;

/// <summary>How a series is written to <c>metric_series</c>: labels as a JSON object (sorted, without <c>__name__</c>) and a 128-bit key.</summary>
internal static class SeriesIdentity
{
    public static string LabelsJson(LabelSet labels)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            foreach (var label in labels.Labels)
            {
                if (label.Name != LabelSet.MetricNameLabel)
                {
                    writer.WriteString(label.Name, label.Value);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>XxHash128 of name and labels: 32 hex characters, collision-free in practice for any fleet.</summary>
    public static string Key(string metricName, string labelsJson)
        => Convert.ToHexStringLower(XxHash128.Hash(Encoding.UTF8.GetBytes(metricName + "\n" + labelsJson)));

    public static LabelSet Parse(string metricName, string labelsJson)
    {
        using var document = JsonDocument.Parse(labelsJson);
        var labels = new List<Label> { new(LabelSet.MetricNameLabel, metricName) };
        foreach (var property in document.RootElement.EnumerateObject())
        {
            labels.Add(new Label(property.Name, property.Value.GetString() ?? ""));
        }

        return LabelSet.From(labels);
    }
}
