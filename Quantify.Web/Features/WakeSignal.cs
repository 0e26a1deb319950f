namespace Quantify.Web.Features;

/// <summary>
/// Wakes a background worker when work is queued, so it runs within a second rather than at its next poll.
/// At most one wake-up is pending; notifying an already-signalled worker does nothing. Each worker has its own subclass
/// so each is a distinct singleton.
/// </summary>
public abstract class WakeSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
            try { signal.Release(); }
            catch (SemaphoreFullException) { /* already signalled */ }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct) => await signal.WaitAsync(timeout, ct);
}
