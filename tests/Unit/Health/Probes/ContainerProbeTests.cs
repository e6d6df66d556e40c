using McpMonitoring.Engine.Health;
using McpMonitoring.Engine.Health.Probes;
using McpMonitoring.Tests.Unit.Infrastructure;

namespace McpMonitoring.Tests.Unit.Health.Probes;

public sealed class ContainerProbeTests : IAsyncLifetime
{
    private readonly ContainerProbe _probe = new(TimeProvider.System);
    private FakeDockerEngine _docker = null!;

    public async ValueTask InitializeAsync() => _docker = await FakeDockerEngine.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _probe.Dispose();
        await _docker.DisposeAsync();
    }

    private Task<ProbeResult> Probe(string container, string? socket = null) => _probe.ProbeAsync(
        new TargetDefinition { Name = "c", Kind = TargetKind.Container, Container = container, DockerSocket = socket ?? _docker.SocketPath },
        TestContext.Current.CancellationToken);

    [Fact]
    public async Task Probe_RunningWithoutHealthcheck_Success()
    {
        _docker.Containers["runner"] = new ContainerState("a1b2c3", "running");
        Assert.True((await Probe("runner")).Success);
    }

    [Fact]
    public async Task Probe_ById_Success()
    {
        _docker.Containers["runner"] = new ContainerState("a1b2c3d4e5", "running", "healthy");
        Assert.True((await Probe("a1b2c3")).Success);
    }

    [Fact]
    public async Task Probe_RunningButUnhealthy_FailureWithStreak()
    {
        _docker.Containers["runner"] = new ContainerState("a1", "running", "unhealthy");
        Assert.Equal("container health is unhealthy (failing streak 3)", (await Probe("runner")).Error);
    }

    [Fact]
    public async Task Probe_HealthStarting_NotYetHealthy()
    {
        _docker.Containers["runner"] = new ContainerState("a1", "running", "starting");
        Assert.False((await Probe("runner")).Success);
    }

    [Fact]
    public async Task Probe_Exited_FailureWithExitCode()
    {
        _docker.Containers["runner"] = new ContainerState("a1", "exited", ExitCode: 137);
        Assert.Equal("container is exited (exit code 137)", (await Probe("runner")).Error);
    }

    [Fact]
    public async Task Probe_Unknown_NoSuchContainer()
    {
        Assert.Equal("no such container: ghost", (await Probe("ghost")).Error);
    }

    [Fact]
    public async Task Probe_NoEngine_FailureNamesSocket()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"no-docker-{Guid.NewGuid():N}.sock");
        var result = await Probe("runner", missing);
        Assert.False(result.Success);
        Assert.StartsWith($"Docker Engine API at {missing} unreachable", result.Error, StringComparison.Ordinal);
    }
}
