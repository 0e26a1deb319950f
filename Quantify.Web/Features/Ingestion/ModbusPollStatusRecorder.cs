using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// Collects each Modbus poll's outcome in memory (the poll loop never waits on the database) and writes them, in the
/// order they happened, to each meter's <see cref="MeterPollStatus"/> on <see cref="FlushAsync"/>. Outcomes that could
/// not be written are kept for the next flush.
/// </summary>
public sealed class ModbusPollStatusRecorder(IDbContextFactory<QuantifyDbContext> factory)
{
    private readonly Lock sync = new();
    private readonly SemaphoreSlim writing = new(1, 1); // one flush at a time: each reads the rows it then updates
    private List<(string Serial, DateTimeOffset At, string? Error)> pending = [];

    /// <summary>Outcomes kept while the database is unreachable; beyond this the oldest are dropped (the newest decide the status).</summary>
    public const int MaxPending = 100_000;

    public void Succeeded(string serial, DateTimeOffset at) => Add((serial, at, null));

    public void Failed(string serial, DateTimeOffset at, string error) => Add((serial, at, error));

    private void Add((string Serial, DateTimeOffset At, string? Error) outcome)
    {
        lock (sync)
        {
            if (pending.Count >= MaxPending) pending.RemoveRange(0, pending.Count - MaxPending + 1);
            pending.Add(outcome);
        }
    }

    /// <summary>Writes the outcomes gathered so far; returns how many.</summary>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        await writing.WaitAsync(ct);
        try
        {
            return await FlushLockedAsync(ct);
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task<int> FlushLockedAsync(CancellationToken ct)
    {
        List<(string Serial, DateTimeOffset At, string? Error)> batch;
        lock (sync)
        {
            if (pending.Count == 0) return 0;
            batch = pending;
            pending = [];
        }
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var serials = batch.Select(b => b.Serial).Distinct().ToList();
            var ids = await db.Meters.AsNoTracking().Where(m => serials.Contains(m.SerialNumber))
                .Select(m => new { m.Id, m.SerialNumber }).ToDictionaryAsync(m => m.SerialNumber, m => m.Id, StringComparer.Ordinal, ct);
            var meterIds = ids.Values.ToList();
            var rows = await db.MeterPollStatuses.Where(s => meterIds.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, ct);
            foreach (var (serial, at, error) in batch)
            {
                if (!ids.TryGetValue(serial, out var id)) continue; // the meter was renamed or removed since
                if (!rows.TryGetValue(id, out var row))
                {
                    row = new MeterPollStatus(id);
                    rows[id] = row;
                    db.MeterPollStatuses.Add(row);
                }
                if (error is null) row.RecordSuccess(at);
                else row.RecordFailure(at, error);
            }
            await db.SaveChangesAsync(ct);
            return batch.Count;
        }
        catch
        {
            lock (sync)
            {
                pending.InsertRange(0, batch);
                if (pending.Count > MaxPending) pending.RemoveRange(0, pending.Count - MaxPending);
            }
            throw;
        }
    }
}
