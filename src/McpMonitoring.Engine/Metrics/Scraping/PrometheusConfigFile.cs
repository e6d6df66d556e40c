namespace McpMonitoring.Engine.Metrics.Scraping;

/// <summary>
/// The subset of Prometheus' configuration file the console reads. Keys Prometheus knows but the console does not
/// act on are accepted (so an existing prometheus.yml loads) and reported as ignored; unknown keys are errors.
/// </summary>
public sealed class PrometheusConfigFile
{
    public PrometheusGlobalConfig Global { get; set; } = new();

    public List<PrometheusScrapeConfig> ScrapeConfigs { get; set; } = [];

    public object? RuleFiles { get; set; }

    public object? Alerting { get; set; }

    public object? RemoteWrite { get; set; }

    public object? RemoteRead { get; set; }

    public object? ScrapeConfigFiles { get; set; }

    public object? Storage { get; set; }

    public object? Tracing { get; set; }

    internal IEnumerable<string> IgnoredKeys()
    {
        if (RuleFiles is not null) yield return "rule_files";
        if (Alerting is not null) yield return "alerting";
        if (RemoteWrite is not null) yield return "remote_write";
        if (RemoteRead is not null) yield return "remote_read";
        if (ScrapeConfigFiles is not null) yield return "scrape_config_files";
        if (Storage is not null) yield return "storage";
        if (Tracing is not null) yield return "tracing";
    }
}

public sealed class PrometheusGlobalConfig
{
    public TimeSpan? ScrapeInterval { get; set; }

    public TimeSpan? ScrapeTimeout { get; set; }

    public TimeSpan? EvaluationInterval { get; set; }

    public Dictionary<string, string>? ExternalLabels { get; set; }

    public object? QueryLogFile { get; set; }
}

public sealed class PrometheusScrapeConfig
{
    public string? JobName { get; set; }

    public TimeSpan? ScrapeInterval { get; set; }

    public TimeSpan? ScrapeTimeout { get; set; }

    public string MetricsPath { get; set; } = "/metrics";

    public string Scheme { get; set; } = "http";

    public bool HonorLabels { get; set; }

    public bool HonorTimestamps { get; set; } = true;

    public int SampleLimit { get; set; }

    public List<PrometheusStaticConfig> StaticConfigs { get; set; } = [];

    public object? Params { get; set; }

    public object? RelabelConfigs { get; set; }

    public object? MetricRelabelConfigs { get; set; }

    public object? BasicAuth { get; set; }

    public object? Authorization { get; set; }

    public object? TlsConfig { get; set; }

    public object? BearerToken { get; set; }

    public object? BearerTokenFile { get; set; }

    public object? FileSdConfigs { get; set; }

    public object? DnsSdConfigs { get; set; }

    public object? KubernetesSdConfigs { get; set; }

    public object? ConsulSdConfigs { get; set; }

    public object? DockerSdConfigs { get; set; }

    public object? HttpSdConfigs { get; set; }

    public object? LabelLimit { get; set; }

    public object? BodySizeLimit { get; set; }

    public object? FollowRedirects { get; set; }

    public object? EnableHttp2 { get; set; }

    public object? ProxyUrl { get; set; }

    internal IEnumerable<string> IgnoredKeys()
    {
        (string Key, object? Value)[] keys =
        [
            ("params", Params), ("relabel_configs", RelabelConfigs), ("metric_relabel_configs", MetricRelabelConfigs),
            ("basic_auth", BasicAuth), ("authorization", Authorization), ("tls_config", TlsConfig), ("bearer_token", BearerToken),
            ("bearer_token_file", BearerTokenFile), ("file_sd_configs", FileSdConfigs), ("dns_sd_configs", DnsSdConfigs),
            ("kubernetes_sd_configs", KubernetesSdConfigs), ("consul_sd_configs", ConsulSdConfigs), ("docker_sd_configs", DockerSdConfigs),
            ("http_sd_configs", HttpSdConfigs), ("label_limit", LabelLimit), ("body_size_limit", BodySizeLimit),
            ("follow_redirects", FollowRedirects), ("enable_http2", EnableHttp2), ("proxy_url", ProxyUrl),
        ];
        return keys.Where(k => k.Value is not null).Select(k => k.Key);
    }
}

public sealed class PrometheusStaticConfig
{
    public List<string> Targets { get; set; } = [];

    public Dictionary<string, string> Labels { get; set; } = [];
}
