using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// A batch observer that also writes outbox rows (webhook deliveries, notifications) into the batch's own unit of work,
/// after the readings are priced and before the commit: the rows commit or roll back with the readings, so a crash
/// between the commit and the observers loses no event. <see cref="IBatchObserver.OnCommittedAsync"/> then only wakes
/// whoever delivers the rows (it may never run; the rows are still there).
/// </summary>
public interface IBatchOutbox : IBatchObserver
{
    Task AddInBatchAsync(QuantifyDbContext db, BatchCommitted batch, CancellationToken ct);
}
