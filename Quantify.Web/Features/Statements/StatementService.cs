using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.Billing;

namespace Quantify.Web.Features.Statements;

/// <summary>
/// Builds a unit's monthly statement from its wallet's ledger lines (value dates are local dates in the estate's time
/// zone). Opening = the pocket's lines dated before the month; closing = the ledger account's balance less the lines
/// dated after the month; the month's lines are itemised in between, so opening + movements = closing is a real check
/// that nothing was missed and that the cached balance agrees with the lines. Consumption quantities come from the
/// billed readings behind the month's consumption postings ("reading:{id}"); the split by tariff block or band is
/// re-priced from those readings with the tariff engine and shown only when it reproduces the posted charges exactly.
/// </summary>
public sealed class StatementService(IDbContextFactory<QuantifyDbContext> factory, TariffDirectory tariffs, TimeProvider clock)
{
    private static readonly TransactionType[] ChargeTypes = [TransactionType.ServiceCharge, TransactionType.Levy, TransactionType.Reconnection];

    /// <summary>The unit's estate, or null for an unknown unit.</summary>
    public async Task<(int EstateId, string UnitNumber)?> UnitAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.EstateId, u.UnitNumber }).FirstOrDefaultAsync(ct);
        return unit is null ? null : (unit.EstateId, unit.UnitNumber);
    }

    /// <summary>The first day of the current month in the estate's time zone: a statement can be asked for up to this month (to date).</summary>
    public async Task<DateOnly> CurrentMonthAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var zone = (await tariffs.ForEstateAsync(db, estateId, ct)).TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }

    public async Task<Statement?> BuildAsync(int unitId, int year, int month, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return null;
        var from = new DateOnly(year, month, 1);
        var to = from.AddMonths(1);
        var estate = await tariffs.ForEstateAsync(db, unit.EstateId, ct);

        var owners = (await db.Ownerships.AsNoTracking().Include(o => o.Person)
                .Where(o => o.UnitId == unitId && o.StartDate < to && (o.EndDate == null || o.EndDate >= from)).OrderBy(o => o.StartDate).ToListAsync(ct))
            .Select(o => o.Person.FullName).Distinct().ToList();
        var tenants = (await db.Tenancies.AsNoTracking().Include(t => t.Person)
                .Where(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.StartDate < to && (t.EndDate == null || t.EndDate >= from)).OrderBy(t => t.StartDate).ToListAsync(ct))
            .Select(t => t.Person.FullName).Distinct().ToList();

        var walletId = await db.Wallets.AsNoTracking().Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        var pockets = walletId is int id ? await PocketsAsync(db, unit.Id, unit.FreeBasicRegistered, id, estate, from, to, ct) : [];

        return new Statement
        {
            UnitId = unit.Id,
            UnitNumber = unit.UnitNumber,
            Building = unit.Building,
            PaymentReference = unit.PaymentReference,
            EstateName = unit.Estate.Name,
            EstateAddress = string.Join(", ", new[] { unit.Estate.Address, unit.Estate.City, unit.Estate.PostalCode }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } a ? a : null,
            Owners = owners,
            Tenants = tenants,
            Year = year,
            Month = month,
            From = from,
            To = to,
            TimeZone = estate.TimeZone.Id,
            GeneratedAt = clock.GetUtcNow(),
            Pockets = pockets,
        };
    }

    private sealed record MonthLine(long TransactionId, string Number, TransactionType Type, DateOnly ValueDate, string Description, string Key, int AccountId, decimal Amount);

    private sealed record ReadingRow(long Id, int MeterId, DateTimeOffset ReadAt, ReadingStatus Status, decimal? Consumption);

    private static async Task<List<PocketStatement>> PocketsAsync(QuantifyDbContext db, int unitId, bool freeBasic, int walletId,
        TariffDirectory.EstateTariffs estate, DateOnly first, DateOnly next, CancellationToken ct)
    {
        var accounts = await db.LedgerAccounts.AsNoTracking().Where(a => a.WalletId == walletId && a.Pocket != null)
            .Select(a => new { a.Id, Pocket = a.Pocket!.Value, a.Balance }).ToListAsync(ct);
        var before = await SumsAsync(db, walletId, t => t.ValueDate < first, ct);
        var after = await SumsAsync(db, walletId, t => t.ValueDate >= next, ct);
        var lines = await (from l in db.LedgerLines.AsNoTracking()
                           join t in db.LedgerTransactions on l.TransactionId equals t.Id
                           where l.WalletId == walletId && t.ValueDate >= first && t.ValueDate < next
                           orderby t.ValueDate, t.Id
                           select new MonthLine(t.Id, t.Number, t.Type, t.ValueDate, t.Description, t.IdempotencyKey, l.AccountId, l.Amount)).ToListAsync(ct);

        // VAT of each transaction (its VAT-output lines), attributed to a pocket only when the transaction touches one pocket of this wallet.
        var transactionIds = lines.Select(l => l.TransactionId).Distinct().ToList();
        var vatLines = await (from l in db.LedgerLines.AsNoTracking()
                              join a in db.LedgerAccounts on l.AccountId equals a.Id
                              where transactionIds.Contains(l.TransactionId) && a.Kind == AccountKind.VatOutput
                              select new { l.TransactionId, l.Amount }).ToListAsync(ct);
        var walletLinesOf = lines.GroupBy(l => l.TransactionId).ToDictionary(g => g.Key, g => g.Count());
        var vatOf = vatLines.GroupBy(v => v.TransactionId).ToDictionary(g => g.Key, g => g.Sum(v => v.Amount));
        decimal? Vat(long transactionId) => walletLinesOf[transactionId] == 1 ? vatOf.GetValueOrDefault(transactionId) : null;

        var consumption = await ConsumptionReadingsAsync(db, unitId, lines.Where(l => l.Type == TransactionType.Consumption).ToList(), estate.TimeZone, first, next, ct);

        var result = new List<PocketStatement>();
        foreach (var account in accounts.OrderBy(a => a.Pocket))
        {
            var mine = lines.Where(l => l.AccountId == account.Id).ToList();
            var opening = before.GetValueOrDefault(account.Id);
            var closing = account.Balance - after.GetValueOrDefault(account.Id);
            var utility = StatementText.UtilityOf(account.Pocket);
            var readings = utility is Utility u && consumption.TryGetValue(u, out var r) ? r : null;
            if (opening == 0 && closing == 0 && mine.Count == 0 && readings is null) continue;

            var topUps = mine.Where(l => l.Type == TransactionType.TopUp)
                .Select(l => new StatementEntry(l.ValueDate, l.Number, l.Type, l.Description, l.Amount)).ToList();
            var charges = mine.Where(l => ChargeTypes.Contains(l.Type)).GroupBy(l => l.Description)
                .Select(g =>
                {
                    var incl = -g.Sum(l => l.Amount);
                    var vat = g.Sum(l => Vat(l.TransactionId) ?? 0m);
                    return new ChargeGroup(g.Key, g.Count(), incl - vat, vat);
                }).ToList();
            var adjustments = mine.Where(l => l.Type != TransactionType.TopUp && l.Type != TransactionType.Consumption && !ChargeTypes.Contains(l.Type))
                .Select(l => new StatementEntry(l.ValueDate, l.Number, l.Type, l.Description, l.Amount, Vat(l.TransactionId) is { } v && v != 0 ? v : null)).ToList();
            var consumed = mine.Where(l => l.Type == TransactionType.Consumption).ToList();
            UtilityConsumption? usage = null;
            if (utility is Utility utilityOfPocket && (consumed.Count > 0 || readings is not null))
            {
                var incl = -consumed.Sum(l => l.Amount);
                var vat = consumed.Sum(l => Vat(l.TransactionId) ?? 0m);
                usage = await UsageAsync(db, unitId, freeBasic, utilityOfPocket, readings ?? new UtilityReadings([], []), incl - vat, vat, incl, estate, first, next, ct);
            }
            result.Add(new PocketStatement
            {
                Pocket = account.Pocket,
                Opening = opening,
                TopUps = topUps,
                Consumption = usage,
                Charges = charges,
                Adjustments = adjustments,
                Closing = closing,
            });
        }
        return result;
    }

    private static async Task<Dictionary<int, decimal>> SumsAsync(QuantifyDbContext db, int walletId, System.Linq.Expressions.Expression<Func<LedgerTransaction, bool>> when, CancellationToken ct)
    {
        // SQLite keeps decimals as text, so amounts are summed here, exactly, rather than in SQL.
        var rows = await (from l in db.LedgerLines.AsNoTracking()
                          join t in db.LedgerTransactions.Where(when) on l.TransactionId equals t.Id
                          where l.WalletId == walletId
                          select new { l.AccountId, l.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.AccountId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
    }

    /// <summary>The month's billed readings of one utility: those posted to the wallet, plus those priced at R 0,00 (never posted).</summary>
    private sealed record UtilityReadings(IReadOnlyList<ReadingRow> Readings, IReadOnlyList<string> Meters);

    private static async Task<Dictionary<Utility, UtilityReadings>> ConsumptionReadingsAsync(QuantifyDbContext db, int unitId, List<MonthLine> postings,
        TimeZoneInfo zone, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var postedIds = postings.Select(p => p.Key.StartsWith("reading:", StringComparison.Ordinal)
                && long.TryParse(p.Key.AsSpan("reading:".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0).Distinct().ToList();
        var posted = await db.MeterReadings.AsNoTracking().Where(r => postedIds.Contains(r.Id))
            .Select(r => new ReadingRow(r.Id, r.MeterId, r.ReadAt, r.Status, r.Consumption)).ToListAsync(ct);
        var postedSet = postedIds.ToHashSet();
        var unitMeters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId).Select(m => m.Id).ToListAsync(ct);
        var (fromUtc, toUtc) = (Instant(from, zone), Instant(to, zone));
        var zeroRated = (await db.MeterReadings.AsNoTracking()
                .Where(r => unitMeters.Contains(r.MeterId) && r.Status == ReadingStatus.Billed && r.ReadAt >= fromUtc && r.ReadAt < toUtc)
                .Select(r => new { Row = new ReadingRow(r.Id, r.MeterId, r.ReadAt, r.Status, r.Consumption), r.Amount }).ToListAsync(ct))
            .Where(r => r.Amount == 0m && !postedSet.Contains(r.Row.Id)).Select(r => r.Row);
        var all = posted.Concat(zeroRated).ToList();
        var meterIds = all.Select(r => r.MeterId).Distinct().ToList();
        var meters = await db.Meters.AsNoTracking().Where(m => meterIds.Contains(m.Id)).Select(m => new { m.Id, m.Type, m.SerialNumber }).ToDictionaryAsync(m => m.Id, ct);
        return all.GroupBy(r => meters[r.MeterId].Type.Utility())
            .ToDictionary(g => g.Key, g => new UtilityReadings(g.OrderBy(r => r.ReadAt).ToList(),
                g.Select(r => meters[r.MeterId].SerialNumber).Distinct().Order(StringComparer.Ordinal).ToList()));
    }

    private static async Task<UtilityConsumption> UsageAsync(QuantifyDbContext db, int unitId, bool freeBasic, Utility utility, UtilityReadings readings,
        decimal exclVat, decimal vat, decimal inclVat, TariffDirectory.EstateTariffs estate, DateOnly from, DateOnly to, CancellationToken ct)
    {
        estate.ByUtility.TryGetValue(utility, out var set);
        var names = new List<string>();
        if (set is not null)
            for (var day = from; day < to; day = day.AddDays(1))
                if (set.EffectiveOn(day, unitId) is { } t && !names.Contains(Describe(t))) names.Add(Describe(t));

        IReadOnlyList<TariffLine>? breakdown = null;
        string? note = null;
        if (readings.Readings.Count > 0)
        {
            if (set is null) note = "No tariff is set for this utility.";
            else
            {
                var repriced = await RepriceAsync(db, unitId, freeBasic, set, readings.Readings, estate.TimeZone, from, ct);
                if (repriced is not null && repriced.Sum(c => c.ExclVat) == exclVat && repriced.Sum(c => c.Vat) == vat)
                    breakdown = repriced.SelectMany(c => c.Lines)
                        .GroupBy(l => (l.Kind, l.Block, l.Band, l.Description, l.Unit, l.Rate))
                        .OrderBy(g => g.Key.Kind).ThenBy(g => g.Key.Block).ThenBy(g => g.Key.Band).ThenBy(g => g.Key.Rate).ThenBy(g => g.Key.Description, StringComparer.Ordinal)
                        .Select(g => new TariffLine(g.Key.Description, g.Sum(l => l.Quantity), g.Key.Unit, g.Key.Rate, g.Sum(l => l.Amount)))
                        .ToList();
                else note = "Not split by tariff block: re-pricing the readings did not reproduce the posted charges to the cent "
                    + "(a reading spanning more than a month, a late item, or a tariff or free-basic change).";
            }
        }
        return new UtilityConsumption
        {
            Utility = utility,
            Unit = TariffText.UnitOf(utility),
            Quantity = readings.Readings.Sum(r => r.Consumption ?? 0m),
            Readings = readings.Readings.Count,
            Meters = readings.Meters,
            Tariffs = names,
            ExclVat = exclVat,
            Vat = vat,
            InclVat = inclVat,
            Breakdown = breakdown,
            BreakdownNote = note,
        };

        static string Describe(Tariff t) => $"{t.Name} (v{t.Version})";
    }

    /// <summary>
    /// Prices the given readings again the way the billing pipeline did: per meter, in order, each from the meter's
    /// previous reading (late readings skipped, as the pipeline skips them), with the month-to-date state chained from
    /// the first reading after the start of the previous month (blocks reset on the 1st, so that state is exact for
    /// every month that matters). Null if a reading cannot be priced.
    /// </summary>
    private static async Task<List<ConsumptionCharge>?> RepriceAsync(QuantifyDbContext db, int unitId, bool freeBasic, TariffSet set,
        IReadOnlyList<ReadingRow> wanted, TimeZoneInfo zone, DateOnly from, CancellationToken ct)
    {
        var wantedIds = wanted.Select(r => r.Id).ToHashSet();
        var windowStart = Instant(from.AddMonths(-1), zone);
        var charges = new List<ConsumptionCharge>();
        foreach (var group in wanted.GroupBy(r => r.MeterId))
        {
            var meterId = group.Key;
            var last = group.Max(r => r.ReadAt);
            var window = await db.MeterReadings.AsNoTracking()
                .Where(r => r.MeterId == meterId && r.ReadAt > windowStart && r.ReadAt <= last && !(r.Status == ReadingStatus.NotBilled && r.Consumption == null) && r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded)
                .OrderBy(r => r.ReadAt).Select(r => new ReadingRow(r.Id, r.MeterId, r.ReadAt, r.Status, r.Consumption)).ToListAsync(ct);
            var previous = await db.MeterReadings.AsNoTracking()
                .Where(r => r.MeterId == meterId && r.ReadAt <= windowStart && !(r.Status == ReadingStatus.NotBilled && r.Consumption == null) && r.Status != ReadingStatus.Held && r.Status != ReadingStatus.Discarded)
                .OrderByDescending(r => r.ReadAt).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(ct);
            var state = MonthToDate.None;
            foreach (var reading in window)
            {
                if (reading.Status == ReadingStatus.Billed && previous is DateTimeOffset start && reading.Consumption is decimal quantity)
                {
                    var priced = TariffPricer.Price(set, new PricingContext { TimeZone = zone, UnitId = unitId, FreeBasicEligible = freeBasic, MonthToDate = state },
                        start, reading.ReadAt, quantity);
                    if (priced.IsFailure) return null;
                    state = priced.Value.After;
                    if (wantedIds.Contains(reading.Id)) charges.Add(priced.Value);
                }
                else if (wantedIds.Contains(reading.Id)) return null;
                previous = reading.ReadAt;
            }
        }
        return charges.Count == wanted.Count ? charges : null;
    }

    /// <summary>
    /// Local midnight at the start of <paramref name="date"/> in <paramref name="zone"/>, as a UTC instant (readings
    /// are stored in UTC and the column orders by UTC ticks, then offset: a +02:00 bound would exclude its own instant).
    /// </summary>
    private static DateTimeOffset Instant(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
