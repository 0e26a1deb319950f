using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Billing;

public sealed record TariffRow(int Id, int EstateId, int? UnitId, string? UnitNumber, Utility Utility, string Name, int Version, DateOnly EffectiveFrom,
    DateOnly? EffectiveTo, bool IsRetired, TariffRules Rules, bool InEffect);

/// <summary>
/// Tariff versions per estate and utility (and per-unit overrides). A version in effect is never edited: a change is a
/// new version from a date (the old one ends the day before); a version not yet in effect may be amended.
/// Every change invalidates the biller's cache for the estate.
/// </summary>
public sealed class TariffService(IDbContextFactory<QuantifyDbContext> factory, TariffDirectory directory, TimeProvider clock)
{
    public async Task<IReadOnlyList<TariffRow>> ListAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await TodayAsync(db, estateId, ct);
        var rows = await (from t in db.Tariffs.AsNoTracking()
                where t.EstateId == estateId
                join u in db.Units on t.UnitId equals (int?)u.Id into units
                from u in units.DefaultIfEmpty()
                select new { t, UnitNumber = u == null ? null : u.UnitNumber }).ToListAsync(ct);
        return rows.OrderBy(r => r.t.Utility).ThenBy(r => r.UnitNumber).ThenByDescending(r => r.t.EffectiveFrom)
            .Select(r => new TariffRow(r.t.Id, r.t.EstateId, r.t.UnitId, r.UnitNumber, r.t.Utility, r.t.Name, r.t.Version, r.t.EffectiveFrom, r.t.EffectiveTo,
                r.t.IsRetired, r.t.Rules, r.t.IsEffectiveOn(today))).ToList();
    }

    /// <summary>A new tariff: the estate default for a utility (unitId null) or a unit's override.</summary>
    public async Task<Result<int>> CreateAsync(int estateId, int? unitId, Utility utility, string name, DateOnly effectiveFrom, TariffRules rules, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId, ct)) return Result<int>.Fail(new Error("not_found", $"Estate #{estateId} does not exist.", "EstateId"));
        if (unitId is int u && !await db.Units.AnyAsync(x => x.Id == u && x.EstateId == estateId, ct))
            return Result<int>.Fail(new Error("not_found", $"Unit #{u} is not in this estate.", "UnitId"));
        var created = Tariff.Create(estateId, unitId, utility, name, effectiveFrom, rules);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        var set = new TariffSet(await db.Tariffs.Where(t => t.EstateId == estateId && t.Utility == utility).ToListAsync(ct));
        var fits = set.CanAdd(created.Value);
        if (fits.IsFailure) return Result<int>.Fail(fits.Errors);
        db.Tariffs.Add(created.Value);
        await db.SaveChangesAsync(ct);
        directory.Invalidate(estateId);
        return Result<int>.Ok(created.Value.Id);
    }

    /// <summary>Changes a tariff: amends the version if it has not taken effect, else ends it and starts a new version on <paramref name="effectiveFrom"/>.</summary>
    public async Task<Result<int>> ChangeAsync(int tariffId, string name, DateOnly effectiveFrom, TariffRules rules, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.Id == tariffId, ct);
        if (tariff is null) return Result<int>.Fail(new Error("not_found", $"Tariff #{tariffId} does not exist."));
        var today = await TodayAsync(db, tariff.EstateId, ct);
        if (today < tariff.EffectiveFrom)
        {
            if (effectiveFrom != tariff.EffectiveFrom)
                return Result<int>.Fail(new Error("dates_fixed", $"A scheduled version keeps its start date ({tariff.EffectiveFrom:yyyy-MM-dd}); amend its rules, or retire it and add another.", "EffectiveFrom"));
            var amended = tariff.Amend(rules, name, today);
            if (amended.IsFailure) return Result<int>.Fail(amended.Errors);
            await db.SaveChangesAsync(ct);
            directory.Invalidate(tariff.EstateId);
            return Result<int>.Ok(tariff.Id);
        }
        if (effectiveFrom <= today)
            return Result<int>.Fail(new Error("in_past", $"A new version must start after today ({today:yyyy-MM-dd}): readings up to now were billed under the current one.", "EffectiveFrom"));
        var next = tariff.Supersede(rules, effectiveFrom, name);
        if (next.IsFailure) return Result<int>.Fail(next.Errors);
        db.Tariffs.Add(next.Value);
        await db.SaveChangesAsync(ct);
        directory.Invalidate(tariff.EstateId);
        return Result<int>.Ok(next.Value.Id);
    }

    /// <summary>Ends a unit override (the unit falls back to the estate default) or a tariff, from a date.</summary>
    public async Task<Result> RetireAsync(int tariffId, DateOnly effectiveTo, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.Id == tariffId, ct);
        if (tariff is null) return Result.Fail(new Error("not_found", $"Tariff #{tariffId} does not exist."));
        var today = await TodayAsync(db, tariff.EstateId, ct);
        if (effectiveTo <= today && tariff.EffectiveFrom <= today)
            return Result.Fail(new Error("in_past", $"A tariff can only be ended from a future date (after {today:yyyy-MM-dd}).", "EffectiveTo"));
        var r = tariff.Retire(effectiveTo);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        directory.Invalidate(tariff.EstateId);
        return Result.Ok();
    }

    /// <summary>"What would this unit pay": a month's bill for a quantity under the given rules.</summary>
    public static Result<TariffEstimate> Preview(TariffRules rules, Utility utility, decimal monthlyQuantity, bool freeBasicEligible, DateOnly month) =>
        TariffPreview.Estimate(rules, monthlyQuantity, freeBasicEligible, month, null, utility);

    /// <summary>The unit's own average monthly consumption over the last three billed months, for the preview's default quantity.</summary>
    public async Task<decimal?> AverageMonthlyConsumptionAsync(int unitId, Utility utility, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var since = clock.GetUtcNow().AddDays(-90);
        var types = Enum.GetValues<MeterType>().Where(t => !t.IsBulk() && t.Utility() == utility).ToList();
        var values = await (from r in db.MeterReadings.AsNoTracking()
                join m in db.Meters on r.MeterId equals m.Id
                where m.UnitId == unitId && types.Contains(m.Type) && r.ReadAt >= since && r.Consumption != null
                select r.Consumption!.Value).ToListAsync(ct);
        return values.Count == 0 ? null : Math.Round(values.Sum() / 3m, 3);
    }

    private async Task<DateOnly> TodayAsync(QuantifyDbContext db, int estateId, CancellationToken ct)
    {
        var zoneId = await db.Set<Domain.Estates.EstateSettings>().AsNoTracking().Where(s => s.EstateId == estateId).Select(s => s.TimeZone).FirstOrDefaultAsync(ct);
        var zone = EstateTime.Resolve(zoneId);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone).DateTime);
    }
}
