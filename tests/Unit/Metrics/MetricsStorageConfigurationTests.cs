using McpMonitoring.Engine.Alerting.Rules;
using McpMonitoring.Engine.Metrics;
using McpMonitoring.Engine.Metrics.Query;
using McpMonitoring.Engine.Metrics.Storage;
using McpMonitoring.Tests.Unit.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static McpMonitoring.Tests.Unit.Metrics.MetricsTestData;

namespace McpMonitoring.Tests.Unit.Metrics;

public sealed class MetricsStorageConfigurationTests
{
    [Fact]
    public void Validate_Defaults_Valid() =>
        Assert.True(new MetricsStorageOptionsValidator().Validate(null, new MetricsOptions()).Succeeded);

    [Fact]
    public void Validate_BadValues_EveryErrorNamesItsKey()
    {
        var result = new MetricsStorageOptionsValidator().Validate(null, new MetricsOptions
        {
            MaxSeries = 0,
            Retention = TimeSpan.FromMinutes(1),
            SamplesPerChunk = 70_000,
            RollupInterval = TimeSpan.FromSeconds(10),
            RollupRetention = TimeSpan.Zero,
            MaxRollupSeries = -1,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        foreach (var key in (string[])["MaxSeries", "Retention", "SamplesPerChunk", "RollupInterval", "RollupRetention", "MaxRollupSeries"])
        {
            Assert.Contains(failures, f => f.StartsWith($"Metrics:{key} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Validate_RetentionShorterThanTwoRollupIntervals_Named()
    {
        var result = new MetricsStorageOptionsValidator().Validate(null, new MetricsOptions { Retention = TimeSpan.FromMinutes(10), RollupInterval = TimeSpan.FromMinutes(6) });
        Assert.Equal(["Metrics:Retention must be at least twice Metrics:RollupInterval."], result.Failures);
    }

    [Fact]
    public async Task Start_InvalidMetricsOption_StopsWithKeyNamed()
    {
        await using var factory = new MonitoringAppFactory(new() { ["Metrics:MaxSeries"] = "0" });
        var error = Assert.ThrowsAny<OptionsValidationException>(() => factory.CreateClient());
        Assert.Contains("Metrics:MaxSeries must be between 1 and 16777215", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_Console_RegistersStoreQueryEngineAndSeriesSource()
    {
        await using var factory = new MonitoringAppFactory(new() { ["Metrics:MaxSeries"] = "1000" });
        _ = factory.CreateClient();
        var services = factory.Services;

        var store = services.GetRequiredService<TimeSeriesStore>();
        Assert.Equal(1000, store.GetStats().MaxSeries);
        Assert.Contains(services.GetServices<ISeriesSource>(), s => s is StoreSeriesSource);

        var now = DateTimeOffset.UtcNow;
        store.Append(store.GetOrCreateSeries(Labels("wired_up")), now.ToUnixTimeMilliseconds(), 7);
        var result = await services.GetRequiredService<MetricsQueryEngine>().ExecuteAsync(
            new MetricsQuery("wired_up", [], now, now + TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)),
            TestContext.Current.CancellationToken);
        Assert.Equal(7, result.Series.Single().Points[^1].V);
    }
}
