using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;

namespace McpMonitoring.Web.Model;

/// <summary>
/// What the add/edit target dialog binds to: text as the operator types it (durations like "15s", labels as
/// key=value lines). <see cref="Build"/> turns it into a <see cref="TargetDefinition"/> plus the errors the text
/// itself has; <see cref="Validate"/> adds <see cref="TargetValidator"/>'s rules, keyed by the same camelCase fields.
/// </summary>
public sealed class TargetFormModel
{
    public string Name { get; set; } = "";

    public TargetKind Kind { get; set; } = TargetKind.Http;

    public string? Url { get; set; }

    public int? ExpectStatus { get; set; }

    public string? BodyContains { get; set; }

    public string? JsonPath { get; set; }

    public string? JsonValue { get; set; }

    public string? Host { get; set; }

    public int? Port { get; set; }

    public string? Command { get; set; }

    /// <summary>stdio arguments, one per line.</summary>
    public string? ArgsText { get; set; }

    public string Transport { get; set; } = "auto";

    public string? ProtocolVersion { get; set; }

    public string Provider { get; set; } = "sqlite";

    public string? ConnectionString { get; set; }

    public string? Container { get; set; }

    public string? DockerSocket { get; set; }

    public string Interval { get; set; } = Duration.Format(TargetDefinition.DefaultInterval);

    public string Timeout { get; set; } = Duration.Format(TargetDefinition.DefaultTimeout);

    /// <summary>Empty means "half the timeout".</summary>
    public string? DegradedLatency { get; set; }

    public int FailureThreshold { get; set; } = 3;

    public int RecoveryThreshold { get; set; } = 2;

    /// <summary>One <c>key=value</c> per line.</summary>
    public string? LabelsText { get; set; }

    public IReadOnlyCollection<string> DependsOn { get; set; } = [];

    public static TargetFormModel From(TargetDefinition target) => new()
    {
        Name = target.Name,
        Kind = target.Kind,
        Url = target.Url,
        ExpectStatus = target.ExpectStatus,
        BodyContains = target.BodyContains,
        JsonPath = target.JsonPath,
        JsonValue = target.JsonValue,
        Host = target.Host,
        Port = target.Port,
        Command = target.Command,
        ArgsText = string.Join('\n', target.Args),
        Transport = target.Transport ?? "auto",
        ProtocolVersion = target.ProtocolVersion,
        Provider = target.Provider ?? "sqlite",
        ConnectionString = target.ConnectionString,
        Container = target.Container,
        DockerSocket = target.DockerSocket,
        Interval = Duration.Format(target.Interval),
        Timeout = Duration.Format(target.Timeout),
        DegradedLatency = target.DegradedLatency is { } degraded ? Duration.Format(degraded) : null,
        FailureThreshold = target.FailureThreshold,
        RecoveryThreshold = target.RecoveryThreshold,
        LabelsText = string.Join('\n', target.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")),
        DependsOn = [.. target.DependsOn],
    };

    /// <summary>The definition this form describes; settings of other kinds are dropped. Text that does not parse goes to <paramref name="errors"/>.</summary>
    public TargetDefinition Build(Dictionary<string, string[]> errors)
    {
        var target = new TargetDefinition
        {
            Name = Name.Trim(),
            Kind = Kind,
            Interval = ParseDuration(Interval, "interval", errors) ?? TargetDefinition.DefaultInterval,
            Timeout = ParseDuration(Timeout, "timeout", errors) ?? TargetDefinition.DefaultTimeout,
            DegradedLatency = string.IsNullOrWhiteSpace(DegradedLatency) ? null : ParseDuration(DegradedLatency, "degradedLatency", errors),
            FailureThreshold = FailureThreshold,
            RecoveryThreshold = RecoveryThreshold,
            Labels = ParseLabels(LabelsText, errors),
            DependsOn = [.. DependsOn],
        };
        switch (Kind)
        {
            case TargetKind.Http:
                target.Url = Blank(Url);
                target.ExpectStatus = ExpectStatus;
                target.BodyContains = Blank(BodyContains);
                target.JsonPath = Blank(JsonPath);
                target.JsonValue = Blank(JsonValue);
                break;
            case TargetKind.Tcp:
                target.Host = Blank(Host);
                target.Port = Port;
                break;
            case TargetKind.Mcp:
                target.Url = Blank(Url);
                target.Command = Blank(Command);
                target.Args = target.Command is null ? [] : [.. Lines(ArgsText)];
                target.Transport = Transport == "auto" ? null : Transport;
                target.ProtocolVersion = Blank(ProtocolVersion);
                break;
            case TargetKind.Database:
                target.Provider = Provider;
                target.ConnectionString = Blank(ConnectionString);
                break;
            case TargetKind.Container:
                target.Container = Blank(Container);
                target.DockerSocket = Blank(DockerSocket);
                break;
        }

        return target;
    }

    /// <summary>All errors: unparseable text first, then the validator's rules for fields that did parse.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var target = Build(errors);
        foreach (var (key, messages) in TargetValidator.Validate(target))
        {
            errors.TryAdd(key, messages);
        }

        return errors;
    }

    private static TimeSpan? ParseDuration(string? text, string key, Dictionary<string, string[]> errors)
    {
        if (Duration.TryParse(text, out var value))
        {
            return value;
        }

        errors[key] = [$"{key} '{text}' is not a duration; use 500ms, 15s, 1m or 1h."];
        return null;
    }

    private static Dictionary<string, string> ParseLabels(string? text, Dictionary<string, string[]> errors)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var line in Lines(text))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                problems.Add($"label '{line}' must be written key=value.");
                continue;
            }

            labels[line[..separator].Trim()] = line[(separator + 1)..].Trim();
        }

        if (problems.Count > 0)
        {
            errors["labels"] = [.. problems];
        }

        return labels;
    }

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
