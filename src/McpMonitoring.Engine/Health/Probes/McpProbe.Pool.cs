using McpMonitoring.Engine.Health.Probes.Mcp;

namespace McpMonitoring.Engine.Health.Probes;

public sealed partial class McpProbe
{
    /// <summary>Takes the target's slot, creating it on first use; the caller releases <see cref="SessionSlot.Gate"/>.</summary>
    private async Task<SessionSlot> AcquireAsync(string targetName, CancellationToken cancellationToken)
    {
        while (true)
        {
            var slot = _slots.GetOrAdd(targetName, static _ => new SessionSlot());
            await slot.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            // ForgetAsync removes the slot before it waits for the gate: a slot no longer in the map is dead,
            // and a session opened in it would never be closed.
            if (_slots.TryGetValue(targetName, out var current) && ReferenceEquals(current, slot))
            {
                return slot;
            }

            slot.Gate.Release();
        }
    }

    private static async ValueTask DisposeQuietlyAsync(PooledMcpSession session)
    {
        try
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The session is being thrown away because it failed; a failing goodbye changes nothing.
        }
    }

    /// <summary>A target's place in the pool. <see cref="Gate"/> serializes probes and ForgetAsync for that target.</summary>
    private sealed class SessionSlot
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public PooledMcpSession? Session { get; set; }

        public async ValueTask CloseAsync()
        {
            if (Session is { } session)
            {
                Session = null;
                await DisposeQuietlyAsync(session).ConfigureAwait(false);
            }
        }
    }
}
