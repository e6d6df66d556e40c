using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using McpMonitoring.Engine.Configuration;
using McpMonitoring.Engine.Health;

namespace McpMonitoring.Engine.Hosting;

/// <summary>Loads stored targets and seeds new ones from config/targets.yml at start-up.</summary>
internal sealed class TargetCatalogInitializer(
    TargetService targets,
    IOptions<MonitoringOptions> options,
    ILogger<TargetCatalogInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = LoadSeed(options.Value.ConfigDir, logger);
        await targets.LoadAsync(seed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads targets.yml; an invalid file stops start-up with the file, line and problem named.</summary>
    internal static IReadOnlyList<TargetDefinition> LoadSeed(string configDir, ILogger logger)
    {
        var path = Path.Combine(configDir, "targets.yml");
        if (!File.Exists(path))
        {
            return [];
        }

        var file = YamlConfig.Load<TargetsFile>(path);
        var problems = new List<string>();
        foreach (var target in file.Targets)
        {
            foreach (var (key, messages) in TargetValidator.Validate(target))
            {
                problems.AddRange(messages.Select(m => $"{path}: target '{target.Name}': {m}"));
            }
        }

        foreach (var duplicate in file.Targets.GroupBy(t => t.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"{path}: target name '{duplicate.Key}' is used more than once.");
        }

        problems.AddRange(DependencyGraph.Validate(file.Targets).Select(e => $"{path}: {e}"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, problems));
        }

        logger.LogInformation("{Count} targets in {Path}", file.Targets.Count, path);
        return file.Targets;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
