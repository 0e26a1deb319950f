namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Runs the batch observers for each committed batch, in commit order, on its own task. An observer that fails is
/// logged and the next one still runs; what must survive a crash (webhook and notification rows) is not written here
/// but in the batch's transaction (<see cref="IBatchOutbox"/>).
/// </summary>
public sealed class CommittedBatchDispatcher(CommittedBatches batches, IEnumerable<IBatchObserver> observers, ILogger<CommittedBatchDispatcher> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in batches.Reader.ReadAllAsync(stoppingToken))
            await NotifyAsync(observers, batch, log, stoppingToken);
    }

    /// <summary>Tells every observer about one committed batch; a failing observer does not stop the others.</summary>
    public static async Task NotifyAsync(IEnumerable<IBatchObserver> observers, BatchCommitted batch, ILogger log, CancellationToken ct)
    {
        foreach (var o in observers)
        {
            try { await o.OnCommittedAsync(batch, ct); }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                log.LogError(ex, "Observer {Observer} failed", o.GetType().Name);
            }
        }
    }
}
