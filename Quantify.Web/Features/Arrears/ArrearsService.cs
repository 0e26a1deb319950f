using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Arrears;
using Quantify.Domain.Ledger;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Arrears;

/// <summary>One pocket in arrears.</summary>
public sealed record ArrearsRow(
    int UnitId,
    string UnitNumber,
    string? Tenant,
    int WalletId,
    Pocket Pocket,
    decimal Balance,
    decimal Debt,
    decimal DebtCap,
    bool AtDebtCap,
    DateOnly ArrearsSince,
    int DaysInArrears,
    ArrearsBucket Bucket,
    string BucketLabel,
    long EpisodeStartSequence,
    bool Suspended,
    EscalationStep? LastStep,
    DateOnly? LastPaymentDate,
    decimal? LastPaymentAmount);

public sealed record BucketTotal(ArrearsBucket Bucket, string Label, int Pockets, decimal Debt);

public sealed record ArrearsReport(int EstateId, string EstateName, DateOnly AsOf, IReadOnlyList<ArrearsRow> Rows, IReadOnlyList<BucketTotal> Buckets, decimal TotalDebt);

/// <summary>
/// Arrears ageing, derived from the ledger every time (so it is right for any history, including data that existed
/// before this feature): a pocket's wallet lines are replayed in chain order and the last line that took the balance
/// from zero or more to below zero starts the current episode (<see cref="ArrearsAgeing.CurrentEpisode"/>). Days are
/// counted from that line's value date to today in the estate's time zone. Only pockets below zero are replayed.
/// Levy receivables below zero join as <see cref="Pocket.Levy"/> rows (<see cref="Levies.LevyArrears"/>).
/// </summary>
public sealed class ArrearsService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public async Task<(int Id, string Name)?> EstateAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var e = await db.Estates.AsNoTracking().Where(x => x.Id == estateId).Select(x => new { x.Id, x.Name }).FirstOrDefaultAsync(ct);
        return e is null ? null : (e.Id, e.Name);
    }

    public async Task<DateOnly> TodayAsync(QuantifyDbContext db, int estateId, CancellationToken ct)
    {
        var zoneId = await db.EstateSettings.AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), EstateTime.Resolve(zoneId)).DateTime);
    }

    public async Task<ArrearsReport?> ReportAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null) return null;
        var today = await TodayAsync(db, estateId, ct);
        var rows = await RowsAsync(db, estateId, today, ct);
        var buckets = Enum.GetValues<ArrearsBucket>()
            .Select(b => new BucketTotal(b, ArrearsAgeing.Label(b), rows.Count(r => r.Bucket == b), rows.Where(r => r.Bucket == b).Sum(r => r.Debt))).ToList();
        return new ArrearsReport(estate.Id, estate.Name, today, rows, buckets, rows.Sum(r => r.Debt));
    }

    /// <summary>Every pocket of the estate's wallets that is below zero, oldest arrears first.</summary>
    public static async Task<List<ArrearsRow>> RowsAsync(QuantifyDbContext db, int estateId, DateOnly today, CancellationToken ct)
    {
        var wallets = await (from w in db.Wallets.AsNoTracking()
                             join u in db.Units on w.UnitId equals u.Id
                             where u.EstateId == estateId
                             select new { WalletId = w.Id, UnitId = u.Id, u.UnitNumber }).ToListAsync(ct);
        var walletIds = wallets.Select(w => w.WalletId).ToList();
        // SQLite keeps decimals as text: balances are compared here, exactly, not in SQL.
        var negative = (await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value) && a.Pocket != null)
                .Select(a => new { a.Id, WalletId = a.WalletId!.Value, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct))
            .Where(a => a.Balance < 0).ToList();
        if (negative.Count == 0) return await Levies.LevyArrears.ReceivableRowsAsync(db, estateId, today, ct);

        var accountIds = negative.Select(a => a.Id).ToList();
        var lines = (await (from l in db.LedgerLines.AsNoTracking()
                            join t in db.LedgerTransactions on l.TransactionId equals t.Id
                            where accountIds.Contains(l.AccountId)
                            select new { l.AccountId, l.Sequence, l.Amount, t.ValueDate }).ToListAsync(ct))
            .ToLookup(l => l.AccountId);
        var negWallets = negative.Select(a => a.WalletId).Distinct().ToList();
        var settings = await db.WalletPockets.AsNoTracking().Where(p => negWallets.Contains(p.WalletId))
            .Select(p => new { p.WalletId, p.Pocket, p.CreditLimit, p.IsSuspended }).ToListAsync(ct);
        var payments = (await (from l in db.LedgerLines.AsNoTracking()
                               join t in db.LedgerTransactions on l.TransactionId equals t.Id
                               where l.WalletId != null && negWallets.Contains(l.WalletId.Value) && t.Type == TransactionType.TopUp
                               select new { WalletId = l.WalletId!.Value, t.Id, t.ValueDate, l.Amount }).ToListAsync(ct))
            .GroupBy(p => p.WalletId)
            .ToDictionary(g => g.Key, g =>
            {
                var last = g.GroupBy(p => p.Id).OrderByDescending(t => t.First().ValueDate).ThenByDescending(t => t.Key).First();
                return (Date: last.First().ValueDate, Amount: last.Sum(p => p.Amount));
            });
        var unitIds = wallets.Where(w => negWallets.Contains(w.WalletId)).Select(w => w.UnitId).ToList();
        var tenants = (await db.Tenancies.AsNoTracking()
                .Where(t => unitIds.Contains(t.UnitId) && t.Role == TenancyRole.Tenant && t.StartDate <= today && (t.EndDate == null || t.EndDate >= today))
                .OrderBy(t => t.StartDate).Select(t => new { t.UnitId, t.Person.FirstName, t.Person.LastName }).ToListAsync(ct))
            .GroupBy(t => t.UnitId).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(t => $"{t.FirstName} {t.LastName}")));
        var steps = (await db.ArrearsEscalations.AsNoTracking().Where(e => negWallets.Contains(e.WalletId))
                .Select(e => new { e.WalletId, e.Pocket, e.EpisodeStartSequence, e.Step }).ToListAsync(ct))
            .GroupBy(e => (e.WalletId, e.Pocket, e.EpisodeStartSequence)).ToDictionary(g => g.Key, g => g.Max(e => e.Step));

        var rows = new List<ArrearsRow>();
        foreach (var account in negative)
        {
            var episode = ArrearsAgeing.CurrentEpisode(lines[account.Id].OrderBy(l => l.Sequence).Select(l => new PocketLine(l.Sequence ?? 0, l.Amount, l.ValueDate)));
            if (episode is null) continue;
            var wallet = wallets.First(w => w.WalletId == account.WalletId);
            var pocket = settings.FirstOrDefault(p => p.WalletId == account.WalletId && p.Pocket == account.Pocket);
            var days = ArrearsAgeing.DaysInArrears(episode.Since, today);
            var bucket = ArrearsAgeing.Bucket(days);
            var cap = pocket?.CreditLimit ?? 0m;
            var paid = payments.TryGetValue(account.WalletId, out var p) ? p : ((DateOnly Date, decimal Amount)?)null;
            rows.Add(new ArrearsRow(wallet.UnitId, wallet.UnitNumber, tenants.GetValueOrDefault(wallet.UnitId), account.WalletId, account.Pocket,
                account.Balance, -account.Balance, cap, -account.Balance >= cap, episode.Since, days, bucket, ArrearsAgeing.Label(bucket),
                episode.StartSequence, pocket?.IsSuspended ?? false,
                steps.TryGetValue((account.WalletId, account.Pocket, episode.StartSequence), out var s) ? s : null,
                paid?.Date, paid?.Amount));
        }
        rows.AddRange(await Levies.LevyArrears.ReceivableRowsAsync(db, estateId, today, ct));
        return rows.OrderByDescending(r => r.DaysInArrears).ThenBy(r => r.UnitNumber, StringComparer.Ordinal).ThenBy(r => r.Pocket).ToList();
    }

    /// <summary>A unit's escalation history, newest first.</summary>
    public async Task<IReadOnlyList<ArrearsEscalation>> HistoryAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ArrearsEscalations.AsNoTracking().Where(e => e.UnitId == unitId).OrderByDescending(e => e.Id).ToListAsync(ct);
    }
}
