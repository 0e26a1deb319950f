namespace Quantify.Web.Cli.Bench;

/// <summary>
/// Paces all publishers together: at a target rate, a reading is released when its slot in the schedule has come; at
/// full speed, whenever fewer than the allowed number of readings are published but not committed.
/// </summary>
/// <remarks>
/// A publisher waiting for its slot sleeps once, until the slot rounded up to the millisecond (one timer per reading),
/// on the given clock so tests can drive it. It used to wake every millisecond to look at the clock.
/// </remarks>
public sealed class LoadGate(int rate, int maxOutstanding, Func<long> committed, TimeProvider? time = null)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(1);
    private readonly TimeProvider time = time ?? TimeProvider.System;
    private readonly DateTimeOffset start = (time ?? TimeProvider.System).GetUtcNow();
    private long issued;

    public long Issued => Interlocked.Read(ref issued);

    public async ValueTask WaitTurnAsync(CancellationToken ct)
    {
        var n = Interlocked.Increment(ref issued);
        if (rate > 0)
        {
            // The n-th reading is due n/rate seconds after the start.
            var due = start + TimeSpan.FromTicks(n * TimeSpan.TicksPerSecond / rate);
            // Whole milliseconds: the system timer truncates a shorter wait to zero, and the loop would spin on the clock.
            for (var wait = due - time.GetUtcNow(); wait > TimeSpan.Zero; wait = due - time.GetUtcNow())
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(wait.TotalMilliseconds)), time, ct);
        }
        // Too many published and not yet committed: the pipeline is the limit; look again each millisecond.
        while (n - committed() > maxOutstanding) await Task.Delay(Poll, time, ct);
    }
}
