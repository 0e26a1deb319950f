using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.Statements;

namespace Quantify.Web.Features.Reports;

/// <summary>A reporting period: whole local days, both ends included (value dates are local dates in the estate's zone).</summary>
public sealed record ReportPeriod(DateOnly From, DateOnly To)
{
    public string Label => From.Day == 1 && To == From.AddMonths(1).AddDays(-1)
        ? From.ToString("MMMM yyyy", CultureInfo.InvariantCulture)
        : $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    public string FileStem => From.Day == 1 && To == From.AddMonths(1).AddDays(-1)
        ? From.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

public sealed record ConsumptionRow(int UnitId, string UnitNumber, string Utility, string UnitOfMeasure, decimal Quantity, int Readings, decimal ExclVat, decimal Vat, decimal Amount);

public sealed record ConsumptionTotal(string Utility, string UnitOfMeasure, decimal Quantity, decimal ExclVat, decimal Vat, decimal Amount);

public sealed record ConsumptionReport(int EstateId, string EstateName, ReportPeriod Period, DateTimeOffset GeneratedAt, IReadOnlyList<ConsumptionRow> Rows, IReadOnlyList<ConsumptionTotal> Totals);

public sealed record FinancialRow(int UnitId, string UnitNumber, decimal Opening, decimal TopUps, decimal Consumption, decimal FixedCharges, decimal Adjustments,
    decimal Refunds, decimal Closing, decimal Vat);

public sealed record FinancialReport(int EstateId, string EstateName, ReportPeriod Period, DateTimeOffset GeneratedAt, IReadOnlyList<FinancialRow> Rows, FinancialRow Totals,
    decimal LedgerClosing);

/// <summary>
/// Billing exports per estate and period, straight from the ledger. Financial: per unit wallet (all pockets), opening =
/// its lines dated before the period; movements by transaction type (top-ups; consumption; fixed charges = service
/// charges, levies and reconnection fees; refunds; adjustments = everything else, reversals included); closing =
/// opening + movements; VAT = the VAT-output lines of the period's transactions on that wallet. The report also carries
/// the ledger's own closing figure (cached account balances less lines dated after the period) so the two can be seen
/// to agree. Consumption: per unit and utility, the consumption postings of the period (amount incl. VAT, its VAT) and
/// the quantities of the readings behind them ("reading:{id}").
/// </summary>
public sealed class BillingReportService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private static readonly TransactionType[] FixedTypes = [TransactionType.ServiceCharge, TransactionType.Levy, TransactionType.Reconnection];

    private sealed record Line(long TransactionId, TransactionType Type, DateOnly ValueDate, string Key, int WalletId, Pocket? Pocket, decimal Amount);

    public async Task<FinancialReport?> FinancialAsync(int estateId, ReportPeriod period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null) return null;
        var units = await UnitsAsync(db, estateId, ct);
        var walletIds = units.Select(u => u.WalletId).ToList();
        var lines = await LinesAsync(db, walletIds, period.To, ct);
        var inPeriod = lines.Where(l => l.ValueDate >= period.From).ToList();
        var vat = await VatAsync(db, inPeriod, ct);
        var balances = (await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId != null && walletIds.Contains(a.WalletId.Value))
            .Select(a => a.Balance).ToListAsync(ct)).Sum();
        var after = (await (from l in db.LedgerLines.AsNoTracking()
                            join t in db.LedgerTransactions on l.TransactionId equals t.Id
                            where l.WalletId != null && walletIds.Contains(l.WalletId.Value) && t.ValueDate > period.To
                            select l.Amount).ToListAsync(ct)).Sum();

        var rows = new List<FinancialRow>();
        foreach (var u in units)
        {
            var mine = inPeriod.Where(l => l.WalletId == u.WalletId).ToList();
            var opening = lines.Where(l => l.WalletId == u.WalletId && l.ValueDate < period.From).Sum(l => l.Amount);
            decimal Sum(Func<Line, bool> when) => mine.Where(when).Sum(l => l.Amount);
            var topUps = Sum(l => l.Type == TransactionType.TopUp);
            var consumption = Sum(l => l.Type == TransactionType.Consumption);
            var fixedCharges = Sum(l => FixedTypes.Contains(l.Type));
            var refunds = Sum(l => l.Type == TransactionType.Refund);
            var adjustments = Sum(l => l.Type is not (TransactionType.TopUp or TransactionType.Consumption or TransactionType.Refund) && !FixedTypes.Contains(l.Type));
            var unitVat = mine.Select(l => l.TransactionId).Distinct().Where(vat.ContainsKey).Sum(t => vat[t]);
            if (opening == 0 && mine.Count == 0) continue;
            rows.Add(new FinancialRow(u.UnitId, u.UnitNumber, opening, topUps, consumption, fixedCharges, adjustments, refunds,
                opening + topUps + consumption + fixedCharges + adjustments + refunds, unitVat));
        }
        var totals = new FinancialRow(0, "Total", rows.Sum(r => r.Opening), rows.Sum(r => r.TopUps), rows.Sum(r => r.Consumption), rows.Sum(r => r.FixedCharges),
            rows.Sum(r => r.Adjustments), rows.Sum(r => r.Refunds), rows.Sum(r => r.Closing), rows.Sum(r => r.Vat));
        return new FinancialReport(estate.Id, estate.Name, period, clock.GetUtcNow(), rows, totals, balances - after);
    }

    public async Task<ConsumptionReport?> ConsumptionAsync(int estateId, ReportPeriod period, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().Where(e => e.Id == estateId).Select(e => new { e.Id, e.Name }).FirstOrDefaultAsync(ct);
        if (estate is null) return null;
        var units = await UnitsAsync(db, estateId, ct);
        var walletIds = units.Select(u => u.WalletId).ToList();
        var consumed = (await LinesAsync(db, walletIds, period.To, ct, TransactionType.Consumption)).Where(l => l.ValueDate >= period.From && l.Pocket is not null).ToList();
        var vat = await VatAsync(db, consumed, ct);
        var readingIds = consumed.Select(l => ReadingId(l.Key)).OfType<long>().Distinct().ToList();
        var quantities = new Dictionary<long, decimal>();
        foreach (var chunk in readingIds.Chunk(500))
            foreach (var r in await db.MeterReadings.AsNoTracking().Where(r => chunk.Contains(r.Id)).Select(r => new { r.Id, r.Consumption }).ToListAsync(ct))
                quantities[r.Id] = r.Consumption ?? 0m;

        var rows = new List<ConsumptionRow>();
        foreach (var u in units)
            foreach (var g in consumed.Where(l => l.WalletId == u.WalletId).GroupBy(l => l.Pocket!.Value).OrderBy(g => g.Key))
            {
                var utility = StatementText.UtilityOf(g.Key);
                var amount = -g.Sum(l => l.Amount);
                var v = g.Select(l => l.TransactionId).Distinct().Where(vat.ContainsKey).Sum(t => vat[t]);
                var ids = g.Select(l => ReadingId(l.Key)).OfType<long>().Distinct().ToList();
                rows.Add(new ConsumptionRow(u.UnitId, u.UnitNumber, Name(g.Key), utility is { } x ? TariffText.UnitOf(x) : "",
                    ids.Sum(id => quantities.GetValueOrDefault(id)), ids.Count, amount - v, v, amount));
            }
        var totals = rows.GroupBy(r => (r.Utility, r.UnitOfMeasure)).Select(g => new ConsumptionTotal(g.Key.Utility, g.Key.UnitOfMeasure,
            g.Sum(r => r.Quantity), g.Sum(r => r.ExclVat), g.Sum(r => r.Vat), g.Sum(r => r.Amount))).ToList();
        return new ConsumptionReport(estate.Id, estate.Name, period, clock.GetUtcNow(), rows, totals);
    }

    public static string Name(Pocket p) => p == Pocket.HotWater ? "Hot water" : p.ToString();

    private static long? ReadingId(string key) =>
        key.StartsWith("reading:", StringComparison.Ordinal) && long.TryParse(key.AsSpan("reading:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private sealed record UnitWallet(int UnitId, string UnitNumber, int WalletId);

    private static async Task<List<UnitWallet>> UnitsAsync(QuantifyDbContext db, int estateId, CancellationToken ct) =>
        (await (from w in db.Wallets.AsNoTracking()
                join u in db.Units on w.UnitId equals u.Id
                where u.EstateId == estateId
                select new { u.Id, u.UnitNumber, WalletId = w.Id }).ToListAsync(ct))
        .Select(x => new UnitWallet(x.Id, x.UnitNumber, x.WalletId))
        .OrderBy(x => x.UnitNumber, StringComparer.Ordinal).ToList();

    /// <summary>The wallets' lines dated up to <paramref name="to"/> (SQLite keeps decimals as text, so sums are made here, exactly).</summary>
    private static async Task<List<Line>> LinesAsync(QuantifyDbContext db, List<int> walletIds, DateOnly to, CancellationToken ct, TransactionType? only = null) =>
        (await (from l in db.LedgerLines.AsNoTracking()
                join t in db.LedgerTransactions on l.TransactionId equals t.Id
                join a in db.LedgerAccounts on l.AccountId equals a.Id
                where l.WalletId != null && walletIds.Contains(l.WalletId.Value) && t.ValueDate <= to && (only == null || t.Type == only)
                select new { t.Id, t.Type, t.ValueDate, t.IdempotencyKey, WalletId = l.WalletId!.Value, a.Pocket, l.Amount }).ToListAsync(ct))
        .Select(x => new Line(x.Id, x.Type, x.ValueDate, x.IdempotencyKey, x.WalletId, x.Pocket, x.Amount)).ToList();

    /// <summary>VAT output per transaction, for the given lines' transactions.</summary>
    private static async Task<Dictionary<long, decimal>> VatAsync(QuantifyDbContext db, List<Line> lines, CancellationToken ct)
    {
        var result = new Dictionary<long, decimal>();
        foreach (var chunk in lines.Select(l => l.TransactionId).Distinct().Chunk(500))
            foreach (var v in await (from l in db.LedgerLines.AsNoTracking()
                                     join a in db.LedgerAccounts on l.AccountId equals a.Id
                                     where chunk.Contains(l.TransactionId) && a.Kind == AccountKind.VatOutput
                                     select new { l.TransactionId, l.Amount }).ToListAsync(ct))
                result[v.TransactionId] = result.GetValueOrDefault(v.TransactionId) + v.Amount;
        return result;
    }
}
