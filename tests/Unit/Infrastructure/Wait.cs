namespace McpMonitoring.Tests.Unit.Infrastructure;

/// <summary>Waits for a condition that another thread makes true (never a fixed sleep).</summary>
internal static class Wait
{
    public static void Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        if (!SpinWait.SpinUntil(condition, timeout ?? TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"Timed out waiting until {what}.");
        }
    }
}
