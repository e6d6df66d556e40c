using McpMonitoring.Engine.Configuration;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.Options;

namespace McpMonitoring.Tests.Unit.Configuration;

public sealed class ConfigurationTests
{
    [Fact]
    public void Validate_Defaults_Valid() =>
        Assert.True(new MonitoringOptionsValidator().Validate(null, new MonitoringOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_EveryErrorNamesItsKey()
    {
        var options = new MonitoringOptions
        {
            ConfigDir = " ",
            Probing = new ProbingOptions { MaxConcurrentProbes = 0, SchedulerTick = TimeSpan.FromSeconds(5) },
            History = new HistoryOptions { RawRetention = TimeSpan.FromHours(2), RollupRetention = TimeSpan.FromHours(1) },
        };

        var result = new MonitoringOptionsValidator().Validate(null, options);

        Assert.False(result.Succeeded);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Monitoring:ConfigDir", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Monitoring:Probing:MaxConcurrentProbes", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Monitoring:Probing:SchedulerTick", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Monitoring:History:RollupRetention", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidOption_StopsWithKeyNamed()
    {
        await using var factory = new MonitoringAppFactory(new() { ["Monitoring:Probing:MaxConcurrentProbes"] = "0" });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Monitoring:Probing:MaxConcurrentProbes must be between 1 and 100000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_BadMonitoringPort_StopsWithVariableNamed()
    {
        await using var factory = new MonitoringAppFactory(new() { ["MONITORING_PORT"] = "99999" });
        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("MONITORING_PORT must be a TCP port between 1 and 65535, not '99999'", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TargetsYamlWithCycle_StopsWithFileAndCycleNamed()
    {
        await using var factory = new MonitoringAppFactory();
        await File.WriteAllTextAsync(Path.Combine(factory.DataDir, "config", "targets.yml"), """
            targets:
              - name: a
                kind: tcp
                host: 127.0.0.1
                port: 9
                depends_on: [b]
              - name: b
                kind: tcp
                host: 127.0.0.1
                port: 9
                depends_on: [a]
            """, TestContext.Current.CancellationToken);

        var error = Assert.ThrowsAny<InvalidDataException>(() => factory.CreateClient());
        Assert.Contains("targets.yml: dependency cycle: a -> b -> a.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadYaml_UnknownKeyOrBadDuration_NamesLine()
    {
        var dir = Directory.CreateTempSubdirectory("mcpmon-yaml-").FullName;
        var path = Path.Combine(dir, "targets.yml");
        File.WriteAllText(path, "targets:\n  - name: a\n    kind: http\n    url: http://x/\n    interval: soon\n");
        var badDuration = Assert.Throws<InvalidDataException>(() => YamlConfig.Load<TargetsFile>(path));
        Assert.Contains("line 5", badDuration.Message, StringComparison.Ordinal);
        Assert.Contains("'soon' is not a duration", badDuration.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "targets:\n  - name: a\n    kind: htp\n");
        var badKind = Assert.Throws<InvalidDataException>(() => YamlConfig.Load<TargetsFile>(path));
        Assert.Contains("'htp' is not one of http, tcp, mcp, database, container", badKind.Message, StringComparison.Ordinal);

        File.WriteAllText(path, "targets:\n  - name: a\n    kind: http\n    urll: http://x/\n");
        var unknown = Assert.Throws<InvalidDataException>(() => YamlConfig.Load<TargetsFile>(path));
        Assert.Contains("line 4", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadYaml_DesignExample_Parses()
    {
        var file = YamlConfig.Load<TargetsFile>(Path.Combine(RepositoryRoot(), "config", "targets.example.yml"));
        Assert.Contains(file.Targets, t => t is { Name: "files-mcp", Kind: McpMonitoring.Engine.Health.TargetKind.Mcp } && t.Interval == TimeSpan.FromSeconds(15) && t.DependsOn.Contains("postgres-main"));
        Assert.Contains(file.Targets, t => t is { Name: "memory-mcp", Command: "npx" } && t.Args.Count == 2);
        Assert.Contains(file.Targets, t => t is { Name: "postgres-main", Provider: "postgresql" });
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "McpMonitoring.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
