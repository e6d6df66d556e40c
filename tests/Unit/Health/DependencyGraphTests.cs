using McpMonitoring.Engine.Health;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health;

public sealed class DependencyGraphTests
{
    [Fact]
    public void Validate_Acyclic_NoErrors()
    {
        var fleet = new[] { EngineFixture.Http("db"), EngineFixture.Http("api", "db"), EngineFixture.Http("mcp", "api", "db") };
        Assert.Empty(DependencyGraph.Validate(fleet));
    }

    [Fact]
    public void Validate_Cycle_ErrorNamesTheCycleInOrder()
    {
        var fleet = new[] { EngineFixture.Http("a", "b"), EngineFixture.Http("b", "c"), EngineFixture.Http("c", "a"), EngineFixture.Http("d", "a") };
        var error = Assert.Single(DependencyGraph.Validate(fleet));
        Assert.Equal("dependency cycle: a -> b -> c -> a.", error);
    }

    [Fact]
    public void Validate_UnknownDependency_Named()
    {
        var error = Assert.Single(DependencyGraph.Validate([EngineFixture.Http("api", "ghost")]));
        Assert.Contains("'api' depends on unknown target 'ghost'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void FindCycle_LongChain_NoStackOverflow()
    {
        var fleet = Enumerable.Range(0, 50_000).Select(i => EngineFixture.Http($"t{i}", i == 0 ? [] : [$"t{i - 1}"])).ToList();
        Assert.Empty(DependencyGraph.Validate(fleet));
    }
}
