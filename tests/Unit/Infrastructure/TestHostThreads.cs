using System.Runtime.CompilerServices;

namespace McpMonitoring.Tests.Unit.Infrastructure;

internal static class TestHostThreads
{
    /// <summary>
    /// Several tests wait for a condition with <see cref="Wait.Until"/>, which blocks a thread-pool thread while
    /// it polls an HTTP API. With the whole suite in parallel on two cores the pool then grows by one thread every
    /// half second, and unrelated tests' continuations queue behind the blocked ones for seconds: start with enough
    /// threads that a few blocked waits cannot starve the rest.
    /// </summary>
    [ModuleInitializer]
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 64), Math.Max(io, 64));
    }
}
