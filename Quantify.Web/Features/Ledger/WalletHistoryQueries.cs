using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ledger;

/// <summary>
/// A wallet's history as residents read it: consumption is grouped per pocket per day ("Electricity usage, 6 Dec,
/// 48 readings, R 12,34"), every other transaction is a row of its own, newest first, filtered by kind and pocket.
/// The day is the transaction's value date, which the biller sets to the reading's local (estate) date, so readings
/// either side of SAST midnight fall on their own days even when they share a UTC date. Grouping and sums run in the
/// database; a group's amount is the exact decimal sum of its lines.
/// </summary>
public sealed class WalletHistoryQueries(IDbContextFactory<QuantifyDbContext> factory)
{
    /// <summary>Most lines an expanded usage day lists (the day's total always covers all of them).</summary>
    public const int MaxDayLines = 500;

    public async Task<(IReadOnlyList<WalletHistoryRow> Rows, int Total)> PageAsync(int unitId, IReadOnlyCollection<HistoryKind>? kinds, Pocket? pocket, int page, int pageSize,
        CancellationToken ct = default)
    {
        if (page < 0 || pageSize <= 0) throw new ArgumentOutOfRangeException(nameof(page), "Give a page from 0 and a positive page size.");
        await using var db = await factory.CreateDbContextAsync(ct);
        var walletId = await db.Wallets.AsNoTracking().Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (walletId is not int wid) return ([], 0);
        var wanted = kinds is { Count: > 0 } ? kinds.ToHashSet() : Enum.GetValues<HistoryKind>().ToHashSet();
        var lines = Lines(db, wid, pocket);
        var take = (page + 1) * pageSize; // enough of each kind of row to fill this page after the merge

        var usage = new List<WalletHistoryRow>();
        var usageCount = 0;
        if (wanted.Contains(HistoryKind.Usage))
        {
            var days = lines.Where(x => x.Type == TransactionType.Consumption)
                .GroupBy(x => new { x.ValueDate, x.Pocket })
                .Select(g => new { g.Key.ValueDate, g.Key.Pocket, Count = g.Count(), Amount = g.Sum(x => x.Amount), LastId = g.Max(x => x.Id) });
            usageCount = await days.CountAsync(ct);
            usage = (await days.OrderByDescending(d => d.LastId).Take(take).ToListAsync(ct))
                .Select(d => new WalletHistoryRow(HistoryKind.Usage, d.ValueDate, d.Pocket, d.Amount, d.Count, null, d.LastId)).ToList();
        }

        var otherTypes = wanted.Where(k => k != HistoryKind.Usage).SelectMany(HistoryKinds.TypesOf).ToList();
        var others = new List<WalletHistoryRow>();
        var otherCount = 0;
        if (otherTypes.Count > 0)
        {
            var single = lines.Where(x => otherTypes.Contains(x.Type));
            otherCount = await single.CountAsync(ct);
            var rows = await single.OrderByDescending(x => x.Id).Take(take)
                .Select(x => new
                {
                    x.Id, x.PostedAt, x.ValueDate, x.Number, x.Type, x.Pocket, x.Amount, x.Description,
                    PaidBy = (from pay in db.Payments
                              where pay.LedgerTransactionId == x.TransactionId
                              join u in db.Users on pay.CreatedById equals u.Id
                              select u.DisplayName).FirstOrDefault(),
                }).ToListAsync(ct);
            others = rows.Select(x => new WalletHistoryRow(HistoryKinds.Of(x.Type), x.ValueDate, x.Pocket, x.Amount, 1,
                new WalletEntry(x.PostedAt, x.ValueDate, x.Number, x.Type, x.Pocket, x.Amount, x.Description, x.PaidBy), x.Id)).ToList();
        }

        var merged = usage.Concat(others).OrderByDescending(r => r.LatestLineId).Skip(page * pageSize).Take(pageSize).ToList();
        return (merged, usageCount + otherCount);
    }

    /// <summary>The lines of one usage day of one pocket, newest first (at most <see cref="MaxDayLines"/>).</summary>
    public async Task<IReadOnlyList<WalletEntry>> UsageDayAsync(int unitId, Pocket pocket, DateOnly day, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var walletId = await db.Wallets.AsNoTracking().Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        if (walletId is not int wid) return [];
        var rows = await Lines(db, wid, pocket).Where(x => x.Type == TransactionType.Consumption && x.ValueDate == day)
            .OrderByDescending(x => x.Id).Take(MaxDayLines).ToListAsync(ct);
        return rows.Select(x => new WalletEntry(x.PostedAt, x.ValueDate, x.Number, x.Type, x.Pocket, x.Amount, x.Description)).ToList();
    }

    private static IQueryable<HistoryLine> Lines(QuantifyDbContext db, int walletId, Pocket? pocket)
    {
        var q = from l in db.LedgerLines.AsNoTracking()
                join a in db.LedgerAccounts on l.AccountId equals a.Id
                join t in db.LedgerTransactions on l.TransactionId equals t.Id
                where l.WalletId == walletId && a.WalletId == walletId
                select new HistoryLine { Id = l.Id, TransactionId = t.Id, Amount = l.Amount, Pocket = a.Pocket!.Value, Type = t.Type, ValueDate = t.ValueDate, PostedAt = t.PostedAt, Number = t.Number, Description = t.Description };
        return pocket is Pocket p ? q.Where(x => x.Pocket == p) : q;
    }
}
