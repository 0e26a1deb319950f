using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Quantify.Ingestion.Pipeline;

/// <summary>Processes a batch of messages in one unit of work (one database transaction).</summary>
public interface IBatchProcessor
{
    /// <summary>
    /// Must handle every message: bad ones are dead-lettered inside the batch. Throws only when the batch as a whole
    /// could not be committed (e.g. the database is down), in which case none of it is acknowledged.
    /// </summary>
    Task ProcessAsync(IReadOnlyList<IncomingMessage> batch, CancellationToken ct);
}

public sealed class BatchingOptions
{
    public int MaxBatchSize { get; set; } = 1000;
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMilliseconds(20);
    public int Capacity { get; set; } = 50_000;
}

/// <summary>
/// Collects messages from every transport into batches for one worker, preserving arrival order (so per-meter order is
/// kept), and completes each message's task when its batch has committed. A bounded channel applies back-pressure.
/// A batch closes when it is full or when its oldest message has waited <see cref="BatchingOptions.MaxDelay"/>. The
/// worker sleeps until then instead of waking for every message that arrives; a writer that finds a full batch waiting
/// wakes it early. A processor that is also an <see cref="IMessagePreparer"/> prepares each message on the sender's
/// thread before it is queued.
/// </summary>
public sealed class BatchingSink(IBatchProcessor processor, BatchingOptions options, TimeProvider clock, ILogger<BatchingSink> log)
    : BackgroundService, IIngestionSink
{
    private readonly Channel<Queued> channel =
        Channel.CreateBounded<Queued>(new BoundedChannelOptions(options.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Set while the worker sleeps on a batch that is not yet full.</summary>
    private volatile TaskCompletionSource? sleeping;

    private long processed;
    private long batches;

    public long Processed => Interlocked.Read(ref processed);
    public long Batches => Interlocked.Read(ref batches);

    public async Task AcceptAsync(IncomingMessage message, CancellationToken ct)
    {
        if (processor is IMessagePreparer preparer) message = preparer.Prepare(message);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await channel.Writer.WriteAsync(new Queued(message, done, clock.GetUtcNow()), ct);
        if (channel.Reader.Count >= options.MaxBatchSize) sleeping?.TrySetResult();
        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = channel.Reader;
        var batch = new List<Queued>(options.MaxBatchSize);
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            if (reader.TryPeek(out var oldest)) await SleepUntilDueAsync(oldest.EnqueuedAt, stoppingToken).ConfigureAwait(false);
            while (batch.Count < options.MaxBatchSize && reader.TryRead(out var item)) batch.Add(item);
            await RunBatchAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    /// <summary>Waits until the oldest message has waited <see cref="BatchingOptions.MaxDelay"/> or a full batch is waiting.</summary>
    private async Task SleepUntilDueAsync(DateTimeOffset oldestAt, CancellationToken ct)
    {
        var waited = clock.GetUtcNow() - oldestAt;
        var wait = options.MaxDelay - (waited < TimeSpan.Zero ? TimeSpan.Zero : waited);
        if (wait <= TimeSpan.Zero) return;
        var wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sleeping = wake;
        try
        {
            // Checked after announcing the sleep: a writer that filled the batch before it saw the announcement is seen here.
            if (channel.Reader.Count >= options.MaxBatchSize) return;
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(wake.Task, Task.Delay(wait, clock, cancel.Token)).ConfigureAwait(false);
            await cancel.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            sleeping = null;
        }
    }

    private async Task RunBatchAsync(List<Queued> batch, CancellationToken ct)
    {
        try
        {
            await processor.ProcessAsync(batch.Select(b => b.Message).ToList(), ct);
            Interlocked.Add(ref processed, batch.Count);
            Interlocked.Increment(ref batches);
            foreach (var queued in batch) queued.Done.TrySetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.LogError(ex, "A batch of {Count} message(s) could not be committed; they stay unacknowledged", batch.Count);
            foreach (var queued in batch) queued.Done.TrySetException(ex);
        }
    }

    private readonly record struct Queued(IncomingMessage Message, TaskCompletionSource Done, DateTimeOffset EnqueuedAt);
}
