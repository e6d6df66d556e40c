using McpMonitoring.Engine.Configuration;

namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>What prometheus.yml yields: the targets to scrape and the keys that were read but are not acted on.</summary>
public sealed record ScrapeConfiguration(IReadOnlyList<ScrapeTargetDefinition> Targets, IReadOnlyList<string> IgnoredKeys)
{
    public static readonly ScrapeConfiguration Empty = new([], []);
}

/// <summary>Turns prometheus.yml into scrape targets with Prometheus' defaults and rules; every problem names the file and the job.</summary>
public static class ScrapeConfigLoader
{
    public static ScrapeConfiguration Load(string path, MetricsOptions options)
        => File.Exists(path) ? Build(YamlConfig.Load<PrometheusConfigFile>(path), path, options) : ScrapeConfiguration.Empty;

    public static ScrapeConfiguration Build(PrometheusConfigFile file, string path, MetricsOptions options)
    {
        var globalInterval = file.Global.ScrapeInterval ?? options.DefaultScrapeInterval;
        var globalTimeout = file.Global.ScrapeTimeout ?? Min(options.DefaultScrapeTimeout, globalInterval);
        if (globalTimeout > globalInterval)
        {
            throw new InvalidDataException($"{path}: global scrape_timeout ({Duration.Format(globalTimeout)}) is longer than scrape_interval ({Duration.Format(globalInterval)}).");
        }

        var ignored = file.IgnoredKeys().ToList();
        if (file.Global.ExternalLabels is not null) ignored.Add("global.external_labels");
        if (file.Global.QueryLogFile is not null) ignored.Add("global.query_log_file");

        var targets = new List<ScrapeTargetDefinition>();
        var jobs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var job in file.ScrapeConfigs)
        {
            if (string.IsNullOrWhiteSpace(job.JobName))
            {
                throw new InvalidDataException($"{path}: a scrape config has no job_name.");
            }

            var where = $"{path}: job '{job.JobName}'";
            if (!jobs.Add(job.JobName))
            {
                throw new InvalidDataException($"{where}: job_name is used twice.");
            }

            ignored.AddRange(job.IgnoredKeys().Select(k => $"scrape_configs[{job.JobName}].{k}"));
            var interval = job.ScrapeInterval ?? globalInterval;
            // As in Prometheus: a job that sets only its interval gets the global timeout, capped at that interval.
            var timeout = job.ScrapeTimeout ?? Min(globalTimeout, interval);
            if (job.Scheme is not ("http" or "https"))
            {
                throw new InvalidDataException($"{where}: scheme '{job.Scheme}' is not http or https.");
            }

            if (!job.MetricsPath.StartsWith('/'))
            {
                throw new InvalidDataException($"{where}: metrics_path '{job.MetricsPath}' must start with '/'.");
            }

            foreach (var group in job.StaticConfigs)
            {
                foreach (var hostPort in group.Targets)
                {
                    if (!Uri.TryCreate($"{job.Scheme}://{hostPort}{job.MetricsPath}", UriKind.Absolute, out var url) || hostPort.Contains('/', StringComparison.Ordinal) || hostPort.Length == 0)
                    {
                        throw new InvalidDataException($"{where}: target '{hostPort}' is not host:port (no scheme or path; those are 'scheme' and 'metrics_path').");
                    }

                    var target = new ScrapeTargetDefinition
                    {
                        Name = TargetName(where, job.JobName, hostPort, group.Labels, targets),
                        Job = job.JobName,
                        Url = url,
                        Labels = group.Labels,
                        Interval = interval,
                        Timeout = timeout,
                        HonorLabels = job.HonorLabels,
                        HonorTimestamps = job.HonorTimestamps,
                        SampleLimit = job.SampleLimit,
                        Source = ScrapeTargetSource.Config,
                    };
                    if (ScrapeTargetValidator.Validate(target) is { } problem)
                    {
                        throw new InvalidDataException($"{where}: target '{hostPort}': {problem.Message}");
                    }


                    targets.Add(target);
                }
            }
        }

        return new ScrapeConfiguration(targets, ignored);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// <c>job/host:port</c>; the same endpoint listed again in the job with other labels (Prometheus tells targets
    /// apart by their label sets) is named <c>job/host:port{labels}</c>. The same endpoint with the same labels twice is an error.
    /// </summary>
    private static string TargetName(string where, string job, string hostPort, IReadOnlyDictionary<string, string> labels, List<ScrapeTargetDefinition> existing)
    {
        var name = $"{job}/{hostPort}";
        var sameEndpoint = existing.Where(t => t.Job == job && t.Name.StartsWith(name, StringComparison.Ordinal) && (t.Name.Length == name.Length || t.Name[name.Length] == '{')).ToList();
        if (sameEndpoint.Count == 0)
        {
            return name;
        }

        if (sameEndpoint.Any(t => t.Labels.Count == labels.Count && !t.Labels.Except(labels).Any()))
        {
            throw new InvalidDataException($"{where}: target '{hostPort}' is listed twice with the same labels.");
        }

        return $"{name}{{{string.Join(",", labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}=\"{kv.Value}\""))}}}";
    }
}
