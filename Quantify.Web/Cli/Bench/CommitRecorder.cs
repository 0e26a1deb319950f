using System.Collections.Concurrent;
using System.Diagnostics;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// The benchmark's batch observer: registered before any other observer, so it is told right after each commit. It
/// matches each committed reading to the moment it was published (by ChirpStack deduplicationId, the reading's dedupe
/// key) and counts what committed inside the measured window.
/// </summary>
public sealed class CommitRecorder : IBatchObserver
{
    private readonly ConcurrentDictionary<string, long> publishedAt = new(StringComparer.Ordinal);
    private readonly List<double> latenciesMs = [];
    private long windowStart = long.MaxValue;
    private long windowEnd = long.MaxValue;
    private long committed;
    private long committedInWindow;
    private long batches;
    private long batchesInWindow;
    private long foreign;

    /// <summary>Readings of ours committed so far (each counted once: the entry is removed when it commits).</summary>
    public long Committed => Interlocked.Read(ref committed);
    public long CommittedInWindow => Interlocked.Read(ref committedInWindow);
    public long Batches => Interlocked.Read(ref batches);
    public long BatchesInWindow => Interlocked.Read(ref batchesInWindow);
    /// <summary>Committed readings the publishers did not send (or sent twice): always 0 in a correct run.</summary>
    public long Foreign => Interlocked.Read(ref foreign);

    public void OpenWindow(long startTimestamp, long endTimestamp)
    {
        Volatile.Write(ref windowEnd, endTimestamp);
        Volatile.Write(ref windowStart, startTimestamp);
    }

    /// <summary>Called just before the publish, so a commit can never be seen before its publish time is known.</summary>
    public void Publishing(string dedupeId, long timestamp) => publishedAt[dedupeId] = timestamp;

    public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        long start = Volatile.Read(ref windowStart), end = Volatile.Read(ref windowEnd);
        var ours = 0;
        lock (latenciesMs)
        {
            foreach (var (_, reading) in batch.Readings)
            {
                if (!publishedAt.TryRemove(reading.DedupeKey, out var sentAt))
                {
                    Interlocked.Increment(ref foreign);
                    continue;
                }
                ours++;
                if (sentAt >= start && sentAt < end) latenciesMs.Add(Stopwatch.GetElapsedTime(sentAt, now).TotalMilliseconds);
            }
        }
        Interlocked.Add(ref committed, ours);
        Interlocked.Increment(ref batches);
        if (now >= start && now < end)
        {
            Interlocked.Add(ref committedInWindow, ours);
            Interlocked.Increment(ref batchesInWindow);
        }
        return Task.CompletedTask;
    }

    /// <summary>Publish-to-commit latencies of readings published inside the window, sorted.</summary>
    public double[] SortedLatencies()
    {
        double[] copy;
        lock (latenciesMs) copy = [.. latenciesMs];
        Array.Sort(copy);
        return copy;
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
}
