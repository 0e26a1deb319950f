using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Levies;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Reports;

/// <summary>
/// Builds the audit pack of an estate for a month from the ledger (transactions whose books are the estate's, by value
/// date), the meter readings (bulk-vs-units loss), the audit trail (changes to the estate, its units, meters, wallets
/// and pockets) and the verifier (chain heads, period hash). Settlements, payouts and levies are read from the ledger by
/// transaction type, so any flow that posts them appears here.
/// </summary>
public sealed class AuditPackService(IDbContextFactory<QuantifyDbContext> factory, LedgerVerifier verifier, TimeProvider clock)
{
    /// <summary>At most this many audit-trail rows are printed (the newest); the pack says when there were more.</summary>
    public const int MaxTrailRows = 2000;

    public async Task<AuditPack?> BuildAsync(int estateId, DateOnly month, CancellationToken ct = default)
    {
        var from = new DateOnly(month.Year, month.Month, 1);
        var to = from.AddMonths(1).AddDays(-1);
        var (first, last) = (from, to);
        var period = from.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Name, e.Settings.LossThresholdPercent, e.Settings.TimeZone }).FirstOrDefaultAsync(ct);
        if (estate is null) return null;

        var units = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId).Select(u => new { u.Id, u.UnitNumber }).ToListAsync(ct);
        var unitIds = units.Select(u => u.Id).ToList();
        var wallets = await db.Wallets.AsNoTracking().Where(w => unitIds.Contains(w.UnitId)).Select(w => new { w.Id, w.UnitId }).ToListAsync(ct);
        var walletIds = wallets.Select(w => w.Id).ToList();
        var unitOfWallet = wallets.ToDictionary(w => w.Id, w => units.First(u => u.Id == w.UnitId).UnitNumber);

        // Balances: the estate's own accounts and its residents' wallets (summed per pocket), from the lines up to the period's end.
        var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => a.EstateId == estateId || (a.WalletId != null && walletIds.Contains(a.WalletId.Value)))
            .Select(a => new { a.Id, a.Code, a.WalletId, a.Pocket }).ToListAsync(ct);
        var accountIds = accounts.Select(a => a.Id).ToList();
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where accountIds.Contains(l.AccountId) && t.ValueDate <= last
                           select new { l.AccountId, l.Amount, t.ValueDate }).ToListAsync(ct);
        var balances = accounts
            .GroupBy(a => a.WalletId is not null ? $"Residents' wallets · {BillingReportService.Name(a.Pocket ?? Pocket.Unallocated)}" : AccountCode.Parse(a.Code).DisplayName())
            .Select(g =>
            {
                var ids = g.Select(a => a.Id).ToHashSet();
                var opening = lines.Where(l => ids.Contains(l.AccountId) && l.ValueDate < from).Sum(l => l.Amount);
                var closing = lines.Where(l => ids.Contains(l.AccountId)).Sum(l => l.Amount);
                return new AuditBalanceRow(g.Key, opening, closing - opening, closing);
            })
            .Where(b => b.Opening != 0 || b.Closing != 0 || b.Movement != 0)
            .OrderBy(b => b.Account.StartsWith("Residents'", StringComparison.Ordinal) ? 0 : 1).ThenBy(b => b.Account, StringComparer.Ordinal).ToList();

        // Every transaction of the period, with the money it moved and the unit whose wallet it touched.
        var transactions = (await (from t in db.LedgerTransactions.AsNoTracking()
                                   where t.EstateId == estateId && t.ValueDate >= first && t.ValueDate <= last
                                   orderby t.ValueDate, t.Id
                                   select new { t.Number, t.ValueDate, t.Type, t.Description, t.IdempotencyKey, Lines = t.Lines.Select(l => new { l.Amount, l.WalletId }).ToList() })
                .ToListAsync(ct))
            .Select(t => new AuditTransactionRow(t.Number, t.ValueDate, t.Type, t.Description,
                t.Lines.Where(l => l.WalletId != null).Select(l => unitOfWallet.GetValueOrDefault(l.WalletId!.Value)).FirstOrDefault(u => u != null),
                t.Lines.Where(l => l.Amount > 0).Sum(l => l.Amount), t.IdempotencyKey))
            .ToList();
        var summary = transactions.GroupBy(t => t.Type).OrderBy(g => g.Key.ToString(), StringComparer.Ordinal)
            .Select(g => new AuditSummaryRow(g.Key, g.Count(), g.Sum(t => t.Amount))).ToList();

        var zone = EstateTime.Resolve(estate.TimeZone);
        var start = Local(from, zone);
        var end = Local(to.AddDays(1), zone);
        var loss = await LossAsync(db, estateId, start, end, estate.LossThresholdPercent, ct);
        var trail = await TrailAsync(db, estateId, unitIds, walletIds, start, end, ct);

        var heads = await ChainHeadsAsync(db, walletIds, last, ct);
        var verified = await verifier.VerifyAsync(estateId: estateId, ct: ct);
        var print = await verifier.PeriodAsync(estateId, from, to, ct);
        var verification = new AuditVerification(
            heads.Select(c => new AuditChainHead(c.WalletId, unitOfWallet.GetValueOrDefault(c.WalletId, "?"), c.Length, c.Head)).ToList(),
            verified.IsValid, verified.Summary, print.Transactions, print.Lines, print.Hash);
        return new AuditPack(estateId, estate.Name, period, from, to, clock.GetUtcNow(), summary, balances, transactions, loss, trail, verification);
    }

    /// <summary>
    /// Each wallet chain's head as at the end of the period: the last line of the chain (highest position) whose
    /// transaction is dated on or before <paramref name="last"/>, not the head now, so a pack made again later prints the
    /// same heads. Wallets with no line by then are left out.
    /// </summary>
    private static async Task<List<(int WalletId, long Length, string Head)>> ChainHeadsAsync(QuantifyDbContext db, List<int> walletIds, DateOnly last, CancellationToken ct)
    {
        var dated = from l in db.LedgerLines.AsNoTracking()
                    join t in db.LedgerTransactions on l.TransactionId equals t.Id
                    where l.WalletId != null && l.Sequence != null && walletIds.Contains(l.WalletId.Value) && t.ValueDate <= last
                    select l;
        var rows = await (from l in dated
                          group l by l.WalletId into g
                          select new { WalletId = g.Key!.Value, Length = g.Max(x => x.Sequence)!.Value }).ToListAsync(ct);
        var result = new List<(int, long, string)>();
        foreach (var chunk in rows.Chunk(200))
        {
            var ids = chunk.Select(r => r.WalletId).ToList();
            var lengths = chunk.Select(r => r.Length).ToList();
            var candidates = await db.LedgerLines.AsNoTracking()
                .Where(l => l.WalletId != null && ids.Contains(l.WalletId.Value) && l.Sequence != null && lengths.Contains(l.Sequence.Value))
                .Select(l => new { WalletId = l.WalletId!.Value, Sequence = l.Sequence!.Value, l.Hash }).ToListAsync(ct);
            foreach (var r in chunk)
                result.Add((r.WalletId, r.Length, candidates.First(c => c.WalletId == r.WalletId && c.Sequence == r.Length).Hash!));
        }
        return result.OrderBy(r => r.Item1).ToList();
    }

    private static DateTimeOffset Local(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<List<AuditLossRow>> LossAsync(QuantifyDbContext db, int estateId, DateTimeOffset start, DateTimeOffset end, decimal threshold, CancellationToken ct)
    {
        var readings = await (from r in db.MeterReadings.AsNoTracking()
                              join m in db.Meters on r.MeterId equals m.Id
                              where m.EstateId == estateId && r.ReadAt >= start && r.ReadAt < end && r.Consumption != null
                              select new { m.Type, r.Consumption }).ToListAsync(ct);
        var rows = new List<AuditLossRow>();
        foreach (var utility in new[] { Utility.Electricity, Utility.Water })
        {
            var bulk = readings.Where(r => r.Type.IsBulk() && r.Type.Utility() == utility).Sum(r => r.Consumption!.Value);
            var unitsUsed = readings.Where(r => !r.Type.IsBulk() && r.Type.Utility() == utility).Sum(r => r.Consumption!.Value);
            if (bulk == 0 && unitsUsed == 0) continue;
            rows.Add(new AuditLossRow(utility.ToString(), bulk, unitsUsed, bulk > 0 ? Math.Round((bulk - unitsUsed) / bulk * 100m, 1) : null, threshold));
        }
        return rows;
    }

    private static async Task<List<AuditTrailRow>> TrailAsync(QuantifyDbContext db, int estateId, List<int> unitIds, List<int> walletIds, DateTimeOffset start, DateTimeOffset end,
        CancellationToken ct)
    {
        static List<string> Ids(IEnumerable<int> ids) => ids.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var meterIds = Ids(await db.Meters.AsNoTracking().Where(m => m.EstateId == estateId).Select(m => m.Id).ToListAsync(ct));
        var pocketIds = Ids(await db.WalletPockets.AsNoTracking().Where(p => walletIds.Contains(p.WalletId)).Select(p => p.Id).ToListAsync(ct));
        var (units, wallets, estate) = (Ids(unitIds), Ids(walletIds), estateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // The estate's money rules and books: tariffs, settlement payees and rule versions, levy schedules, financial periods.
        var tariffIds = Ids(await db.Tariffs.AsNoTracking().Where(t => t.EstateId == estateId).Select(t => t.Id).ToListAsync(ct));
        var payeeIds = Ids(await db.Payees.AsNoTracking().Where(p => p.EstateId == estateId).Select(p => p.Id).ToListAsync(ct));
        var ruleIds = Ids(await db.SettlementRuleVersions.AsNoTracking().Where(r => r.EstateId == estateId).Select(r => r.Id).ToListAsync(ct));
        var levyIds = Ids(await db.LevySchedules.AsNoTracking().Where(l => l.EstateId == estateId).Select(l => l.Id).ToListAsync(ct));
        var periodIds = Ids(await db.FinancialPeriods.AsNoTracking().Where(p => p.EstateId == estateId).Select(p => p.Id).ToListAsync(ct));
        var rows = await (from a in db.AuditEntries.AsNoTracking()
                          from u in db.Users.Where(u => u.Id == a.UserId).DefaultIfEmpty()
                          where a.At >= start && a.At < end
                                && ((a.EntityType == nameof(Estate) && a.EntityId == estate) || (a.EntityType == nameof(EstateSettings) && a.EntityId == estate)
                                    || (a.EntityType == nameof(Unit) && units.Contains(a.EntityId)) || (a.EntityType == nameof(Meter) && meterIds.Contains(a.EntityId))
                                    || (a.EntityType == nameof(Wallet) && wallets.Contains(a.EntityId)) || (a.EntityType == nameof(WalletPocket) && pocketIds.Contains(a.EntityId))
                                    || (a.EntityType == nameof(Tariff) && tariffIds.Contains(a.EntityId)) || (a.EntityType == nameof(Payee) && payeeIds.Contains(a.EntityId))
                                    || (a.EntityType == nameof(SettlementRuleVersion) && ruleIds.Contains(a.EntityId))
                                    || (a.EntityType == nameof(LevySchedule) && levyIds.Contains(a.EntityId))
                                    || (a.EntityType == nameof(FinancialPeriod) && periodIds.Contains(a.EntityId)))
                          orderby a.Id descending
                          select new { a.At, User = u == null ? a.UserId : u.Email, a.EntityType, a.EntityId, a.Action }).Take(MaxTrailRows).ToListAsync(ct);
        return rows.OrderBy(r => r.At).Select(r => new AuditTrailRow(r.At, r.User ?? "system", $"{r.EntityType} #{r.EntityId}", r.Action)).ToList();
    }
}
