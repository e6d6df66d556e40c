using System.Text.RegularExpressions;

namespace McpMonitoring.Engine.Health;

/// <summary>Validates one target on its own; graph rules (unknown dependencies, cycles) live in <see cref="DependencyGraph"/>.</summary>
public static partial class TargetValidator
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelNamePattern();

    /// <summary>Returns errors keyed by the camelCase field they concern; empty when valid.</summary>
    public static Dictionary<string, string[]> Validate(TargetDefinition target)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        if (string.IsNullOrWhiteSpace(target.Name))
        {
            Add("name", "name is required.");
        }
        else if (!NamePattern().IsMatch(target.Name))
        {
            Add("name", $"name '{target.Name}' must start with a letter or digit and use only letters, digits, '.', '_' or '-' (at most 128).");
        }

        if (!Enum.IsDefined(target.Kind))
        {
            Add("kind", "kind must be one of http, tcp, mcp, database, container.");
        }

        if (target.Interval < MinInterval)
        {
            Add("interval", $"interval must be at least {MinInterval.TotalMilliseconds:0}ms.");
        }

        if (target.Timeout <= TimeSpan.Zero)
        {
            Add("timeout", "timeout must be positive.");
        }
        else if (target.Timeout > target.Interval && target.Interval >= MinInterval)
        {
            Add("timeout", "timeout must not be longer than interval.");
        }

        if (target.DegradedLatency is { } degraded && (degraded <= TimeSpan.Zero || degraded > target.Timeout))
        {
            Add("degradedLatency", "degradedLatency must be positive and not longer than timeout.");
        }

        if (target.FailureThreshold is < 1 or > 100)
        {
            Add("failureThreshold", "failureThreshold must be between 1 and 100.");
        }

        if (target.RecoveryThreshold is < 1 or > 100)
        {
            Add("recoveryThreshold", "recoveryThreshold must be between 1 and 100.");
        }

        foreach (var label in target.Labels.Keys)
        {
            if (!LabelNamePattern().IsMatch(label))
            {
                Add("labels", $"label name '{label}' is not a valid Prometheus label name.");
            }
        }

        if (target.DependsOn.Any(d => string.Equals(d, target.Name, StringComparison.Ordinal)))
        {
            Add("dependsOn", $"target '{target.Name}' cannot depend on itself.");
        }

        switch (target.Kind)
        {
            case TargetKind.Http:
                RequireAbsoluteUrl(target.Url, "url", Add, "http", "https");
                if (target.ExpectStatus is { } status && (status < 100 || status > 599))
                {
                    Add("expectStatus", "expectStatus must be an HTTP status code (100-599).");
                }

                if (target.JsonPath is { } path && !JsonPathCondition.TryParse(path, out _, out var pathError))
                {
                    Add("jsonPath", pathError!);
                }

                break;
            case TargetKind.Tcp:
                if (string.IsNullOrWhiteSpace(target.Host))
                {
                    Add("host", "host is required for a tcp target.");
                }

                if (target.Port is not (>= 1 and <= 65535))
                {
                    Add("port", "port must be between 1 and 65535 for a tcp target.");
                }

                break;
            case TargetKind.Mcp:
                var hasUrl = !string.IsNullOrWhiteSpace(target.Url);
                var hasCommand = !string.IsNullOrWhiteSpace(target.Command);
                if (hasUrl == hasCommand)
                {
                    Add("url", "an mcp target needs either url (Streamable HTTP or SSE) or command (stdio), not both.");
                }
                else if (hasUrl)
                {
                    RequireAbsoluteUrl(target.Url, "url", Add, "http", "https");
                }

                if (target.Transport is { } transport && transport is not ("auto" or "streamable-http" or "sse" or "stdio"))
                {
                    Add("transport", "transport must be auto, streamable-http, sse or stdio.");
                }

                break;
            case TargetKind.Database:
                if (target.Provider is not ("sqlite" or "postgresql"))
                {
                    Add("provider", "provider must be sqlite or postgresql.");
                }

                if (string.IsNullOrWhiteSpace(target.ConnectionString))
                {
                    Add("connectionString", "connectionString is required for a database target.");
                }

                break;
            case TargetKind.Container:
                if (string.IsNullOrWhiteSpace(target.Container))
                {
                    Add("container", "container (name or id) is required for a container target.");
                }

                break;
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray());
    }

    private static void RequireAbsoluteUrl(string? url, string key, Action<string, string> add, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            add(key, $"{key} is required.");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
        {
            add(key, $"{key} '{url}' must be an absolute {string.Join(" or ", schemes)} URL.");
        }
    }
}
