using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health;

public sealed class TargetQueryTests
{
    private static EngineFixture FleetOfMixedStatus()
    {
        var engine = new EngineFixture();
        for (var i = 0; i < 200; i++)
        {
            var name = $"t{i:000}";
            engine.Add(name);
            // Every 7th down, every 5th slow (Degraded), a few never probed (Unknown), the rest Healthy.
            if (i % 13 == 0)
            {
                continue;
            }

            engine.Apply(name, success: i % 7 != 0, count: 3, latencyMs: i % 5 == 0 ? 5_000 : i);
        }

        return engine;
    }

    [Theory]
    [InlineData(TargetSort.Status, true, 0, 10)]
    [InlineData(TargetSort.Status, false, 5, 20)]
    [InlineData(TargetSort.Latency, true, 0, 7)]
    [InlineData(TargetSort.Name, true, 3, 9)]
    [InlineData(TargetSort.LastChecked, false, 0, 12)]
    public void Query_SmallPageOfLargeFleet_SameAsFullSort(TargetSort sort, bool descending, int offset, int limit)
    {
        // Arrange: offset+limit far below the fleet size takes the bounded-heap path; a page of 1000 sorts all.
        var engine = FleetOfMixedStatus();
        var all = engine.Monitor.Query(new TargetQuery { Sort = sort, Descending = descending, Limit = 1000 });

        // Act
        var page = engine.Monitor.Query(new TargetQuery { Sort = sort, Descending = descending, Offset = offset, Limit = limit });

        // Assert
        Assert.Equal(200, page.Total);
        Assert.Equal(all.Items.Skip(offset).Take(limit).Select(t => t.Name), page.Items.Select(t => t.Name));
    }
}
