using System.Text;
using McpMonitoring.Engine.Metrics.Exposition;
using McpMonitoring.Engine.Metrics.Storage;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>The label set of a scraped series: the exposed labels merged with the target's, by Prometheus' honor_labels rules.</summary>
public static class ScrapeLabels
{
    public const string ExportedPrefix = "exported_";

    /// <summary><c>job</c>, <c>instance</c> and the target's own labels (which may override the first two).</summary>
    public static IReadOnlyList<Label> TargetLabels(ScrapeTargetDefinition target)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal) { ["job"] = target.Job, ["instance"] = target.HostPort };
        foreach (var (name, value) in target.Labels)
        {
            labels[name] = value;
        }

        return [.. labels.Select(kv => new Label(kv.Key, kv.Value))];
    }

    internal static LabelSet Build(in ParsedSample sample, ScrapeTargetDefinition target, IReadOnlyList<Label> targetLabels)
    {
        var exposed = new List<Label>(sample.LabelCount + targetLabels.Count + 1)
        {
            new(LabelSet.MetricNameLabel, Encoding.UTF8.GetString(sample.Name)),
        };
        foreach (var label in sample.Labels)
        {
            exposed.Add(new Label(Encoding.UTF8.GetString(label.Name), label.DecodeValue()));
        }

        return Merge(exposed, targetLabels, target.HonorLabels);
    }

    /// <summary>
    /// honor_labels: true keeps the exposed value on a clash; false renames the exposed label to <c>exported_name</c>
    /// (repeating the prefix while that name is taken too) and the target's value wins.
    /// </summary>
    public static LabelSet Merge(List<Label> exposed, IReadOnlyList<Label> targetLabels, bool honorLabels)
    {
        foreach (var targetLabel in targetLabels)
        {
            var clash = exposed.FindIndex(l => l.Name == targetLabel.Name);
            if (clash < 0)
            {
                exposed.Add(targetLabel);
                continue;
            }

            if (honorLabels)
            {
                continue;
            }

            var renamed = ExportedPrefix + targetLabel.Name;
            while (exposed.Exists(l => l.Name == renamed) || targetLabels.Any(l => l.Name == renamed))
            {
                renamed = ExportedPrefix + renamed;
            }

            exposed[clash] = exposed[clash] with { Name = renamed };
            exposed.Add(targetLabel);
        }

        return LabelSet.From(exposed);
    }
}
