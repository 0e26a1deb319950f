using Microsoft.EntityFrameworkCore;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

public sealed record DeadLetterRow(long Id, DateTimeOffset ReceivedAt, string Source, string Topic, string Reason, int Bytes, DeadLetterStatus Status,
    int ReplayCount, string? LastReplayResult, string Preview);

/// <summary>Stores payloads that could not be processed and lets an admin look at, replay or discard them.</summary>
public sealed class DeadLetterService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock) : IDeadLetterStore
{
    public async Task AddAsync(IReadOnlyList<DeadLetterItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await using var db = await factory.CreateDbContextAsync(ct);
        db.DeadLetters.AddRange(items.Select(ToEntity));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds dead letters inside a unit of work the caller owns (the ingestion batch transaction).</summary>
    public static void AddTo(QuantifyDbContext db, IEnumerable<DeadLetterItem> items) => db.DeadLetters.AddRange(items.Select(ToEntity));

    public async Task<(IReadOnlyList<DeadLetterRow> Rows, int Total)> ListAsync(DeadLetterStatus? status, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.DeadLetters.AsNoTracking();
        if (status is not null) q = q.Where(d => d.Status == status);
        var total = await q.CountAsync(ct);
        var rows = await q.OrderByDescending(d => d.Id).Skip(page * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows.Select(d => new DeadLetterRow(d.Id, d.ReceivedAt, d.Source, d.Topic, d.Reason, d.Payload.Length, d.Status, d.ReplayCount,
            d.LastReplayResult, Preview(d.Payload))).ToList(), total);
    }

    public async Task<int> CountNewAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DeadLetters.CountAsync(d => d.Status == DeadLetterStatus.New, ct);
    }

    public async Task<DeadLetter?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
    }

    public async Task RecordReplayAsync(long id, bool succeeded, string result, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.DeadLetters.SingleAsync(x => x.Id == id, ct);
        d.ReplayCount++;
        d.LastReplayedAt = clock.GetUtcNow();
        d.LastReplayResult = result.Length > 1000 ? result[..1000] : result;
        if (succeeded) d.Status = DeadLetterStatus.Replayed;
        await db.SaveChangesAsync(ct);
    }

    public async Task DiscardAsync(long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.DeadLetters.SingleAsync(x => x.Id == id, ct);
        d.Status = DeadLetterStatus.Discarded;
        await db.SaveChangesAsync(ct);
    }

    private static DeadLetter ToEntity(DeadLetterItem i) => new()
    {
        ReceivedAt = i.ReceivedAt,
        Source = i.Source.ToString(),
        Topic = i.Topic.Length > 300 ? i.Topic[..300] : i.Topic,
        Payload = i.Payload,
        Reason = i.Reason.Length > 1000 ? i.Reason[..1000] : i.Reason,
        MessageId = i.MessageId,
    };

    /// <summary>The payload as text when it is printable UTF-8, else as hex, cut to 200 characters.</summary>
    public static string Preview(byte[] payload)
    {
        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(payload);
            if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) text = Convert.ToHexString(payload);
        }
        catch (System.Text.DecoderFallbackException)
        {
            text = Convert.ToHexString(payload);
        }
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
