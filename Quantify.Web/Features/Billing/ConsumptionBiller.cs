using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Billing;

/// <summary>An estate's tariff versions per utility and its time zone, cached; editing a tariff invalidates the estate.</summary>
public sealed class TariffDirectory
{
    private readonly ConcurrentDictionary<int, EstateTariffs> cache = new();

    public sealed record EstateTariffs(TimeZoneInfo TimeZone, IReadOnlyDictionary<Utility, TariffSet> ByUtility);

    public void Invalidate(int estateId) => cache.TryRemove(estateId, out _);

    public void InvalidateAll() => cache.Clear();

    public async Task<EstateTariffs> ForEstateAsync(QuantifyDbContext db, int estateId, CancellationToken ct)
    {
        if (cache.TryGetValue(estateId, out var hit)) return hit;
        var zoneId = await db.Set<EstateSettings>().AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        var zone = EstateTime.Resolve(zoneId);
        var tariffs = await db.Tariffs.AsNoTracking().Where(t => t.EstateId == estateId).ToListAsync(ct);
        var entry = new EstateTariffs(zone, tariffs.GroupBy(t => t.Utility).ToDictionary(g => g.Key, g => new TariffSet(g)));
        cache[estateId] = entry;
        return entry;
    }
}

/// <summary>
/// Prices each billable reading with the unit's tariff (blocks, time of use, free basic, tariff changes split exactly;
/// see docs/tariffs.md) and debits the utility pocket in the batch's own transaction, idempotent on the reading
/// ("reading:{id}"): revenue and VAT output are credited. Bulk meters are not billed; a reading whose estate has no
/// tariff for the utility is stored unbilled with an alert, never priced at a guess.
/// </summary>
public sealed class ConsumptionBiller(LedgerService ledger, TariffDirectory tariffs, ILogger<ConsumptionBiller> log) : IConsumptionBiller
{
    private readonly ConcurrentDictionary<(int, Utility), bool> warnedNoTariff = new();

    public async Task<IReadOnlyDictionary<MeterReading, decimal>> BillAsync(QuantifyDbContext db, IReadOnlyList<BillableReading> readings, CancellationToken ct)
    {
        var charged = new Dictionary<MeterReading, decimal>();
        var billable = readings.Where(r => r.Meter.UnitId is not null && CreditControlService.PocketOf(r.Meter.Type) is not null).ToList();
        if (billable.Count == 0) return charged;

        var unitIds = billable.Select(r => r.Meter.UnitId!.Value).Distinct().ToList();
        var meterIds = billable.Select(r => r.Meter.Id).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.FreeBasicRegistered, u.Occupancy }).ToDictionaryAsync(u => u.Id, ct);
        var estateIds = billable.Select(r => r.Meter.EstateId).Distinct().ToList();
        // Estates that bill vacant units' consumption to common property (docs/portal.md, "Vacant units"); the rest bill the unit's wallet.
        var commonProperty = (await VacancyBillingService.CommonPropertyEstates(db, estateIds).ToListAsync(ct)).ToHashSet();
        var wallets = await db.Wallets.AsNoTracking().Where(w => unitIds.Contains(w.UnitId)).ToDictionaryAsync(w => w.UnitId, w => w.Id, ct);
        var opened = unitIds.Where(u => !wallets.ContainsKey(u)).ToList();
        foreach (var unitId in opened)
            wallets[unitId] = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
        if (opened.Count > 0) await db.SaveChangesAsync(ct);
        // The pipeline has the meters' state rows tracked already: use those, load only what is not.
        var states = new Dictionary<int, MeterState>(meterIds.Count);
        var tracked = db.MeterStates.Local; // one DetectChanges here, not one per meter
        foreach (var id in meterIds)
            if (tracked.FindEntry(id) is { } entry) states[id] = entry.Entity;
        var untracked = meterIds.Where(id => !states.ContainsKey(id)).ToList();
        if (untracked.Count > 0)
            foreach (var state in await db.MeterStates.Where(s => untracked.Contains(s.MeterId)).ToListAsync(ct)) states[state.MeterId] = state;

        var requests = new List<(MeterReading Reading, decimal Total, PostingRequest Request)>();
        var untariffed = new Dictionary<(int EstateId, Utility Utility), (int MeterId, DateTimeOffset At)>();
        foreach (var r in billable.OrderBy(r => r.Reading.ReadAt))
        {
            var meter = r.Meter;
            var unitId = meter.UnitId!.Value;
            var utility = meter.Type.Utility();
            var estate = await tariffs.ForEstateAsync(db, meter.EstateId, ct);
            if (!estate.ByUtility.TryGetValue(utility, out var set)) { untariffed.TryAdd((meter.EstateId, utility), (meter.Id, r.Reading.ReceivedAt)); continue; }
            var priced = ConsumptionPricing.Price(r, set, estate.TimeZone, states[meter.Id], units.TryGetValue(unitId, out var u) && u.FreeBasicRegistered,
                units.TryGetValue(unitId, out var unit) ? unit.Occupancy : Occupancy.Occupied, commonProperty.Contains(meter.EstateId), wallets[unitId]);
            if (priced.IsFailure)
            {
                db.MeterAlerts.Add(ConsumptionPricing.NotPricedAlert(r, priced.Errors[0].Message));
                continue;
            }
            if (priced.Value.Request is null) { charged[r.Reading] = 0m; continue; }
            requests.Add((r.Reading, priced.Value.Total, priced.Value.Request));
        }

        foreach (var ((estateId, utility), (meterId, at)) in untariffed)
            if (warnedNoTariff.TryAdd((estateId, utility), true))
                db.MeterAlerts.Add(ConsumptionPricing.NoTariffAlert(estateId, utility, meterId, at));

        var results = await ledger.PostBatchInAsync(db, requests.Select(x => x.Request).ToList(), ct);
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].IsSuccess) charged[requests[i].Reading] = requests[i].Total;
            else log.LogError("Reading {Reading} not posted: {Error}", requests[i].Reading.Id, results[i].Errors[0].Message);
        }
        return charged;
    }
}
