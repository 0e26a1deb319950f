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
/// </summary>
public sealed class BatchingSink(IBatchProcessor processor, BatchingOptions options, ILogger<BatchingSink> log) : BackgroundService, IIngestionSink
{
    private readonly Channel<(IncomingMessage Message, TaskCompletionSource Done)> channel =
        Channel.CreateBounded<(IncomingMessage, TaskCompletionSource)>(new BoundedChannelOptions(options.Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private long processed;
    private long batches;

    public long Processed => Interlocked.Read(ref processed);
    public long Batches => Interlocked.Read(ref batches);

    public async Task AcceptAsync(IncomingMessage message, CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await channel.Writer.WriteAsync((message, done), ct);
        await done.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = channel.Reader;
        var batch = new List<(IncomingMessage Message, TaskCompletionSource Done)>(options.MaxBatchSize);
        while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            var deadline = DateTime.UtcNow + options.MaxDelay;
            while (batch.Count < options.MaxBatchSize)
            {
                if (reader.TryRead(out var item)) { batch.Add(item); continue; }
                var wait = deadline - DateTime.UtcNow;
                if (wait <= TimeSpan.Zero) break;
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                timeout.CancelAfter(wait);
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
            await RunBatchAsync(batch, stoppingToken);
            batch.Clear();
        }
    }

    private async Task RunBatchAsync(List<(IncomingMessage Message, TaskCompletionSource Done)> batch, CancellationToken ct)
    {
        try
        {
            await processor.ProcessAsync(batch.Select(b => b.Message).ToList(), ct);
            Interlocked.Add(ref processed, batch.Count);
            Interlocked.Increment(ref batches);
            foreach (var (_, done) in batch) done.TrySetResult();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.LogError(ex, "A batch of {Count} message(s) could not be committed; they stay unacknowledged", batch.Count);
            foreach (var (_, done) in batch) done.TrySetException(ex);
        }
    }
}
