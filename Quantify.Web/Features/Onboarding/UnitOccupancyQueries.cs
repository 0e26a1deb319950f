using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Onboarding;

/// <summary>What the move-in and move-out wizards read about a unit before anything changes: its estate, meters, tenant and wallet.</summary>
public sealed class UnitOccupancyQueries(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    /// <summary>The unit's estate, or null if the unit does not exist (callers check the estate against the user's scope).</summary>
    public async Task<int?> EstateOfUnitAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => (int?)u.EstateId).FirstOrDefaultAsync(ct);
    }

    public async Task<IReadOnlyList<UnitMeterRow>> MetersAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.UnitId == unitId && m.IsActive).OrderBy(m => m.Type).ThenBy(m => m.SerialNumber).ToListAsync(ct);
        var last = await MeterReadingChecks.LastReadingsAsync(db, meters.Select(m => m.Id).ToList(), ct);
        return meters.Select(m => new UnitMeterRow(m.Id, m.SerialNumber, m.Type.ToString(), m.Type.UnitOfMeasure(),
            last.TryGetValue(m.Id, out var l) ? l.Register : null, last.TryGetValue(m.Id, out var l2) ? l2.ReadAt : null)).ToList();
    }

    /// <summary>The current tenant (lease holder) of the unit, if any: tenancy id and name.</summary>
    public async Task<(int TenancyId, int PersonId, string Name, DateOnly Since)?> CurrentTenantAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = await EstateToday.OfUnitAsync(db, clock, unitId, ct);
        var t = await db.Tenancies.AsNoTracking().Include(x => x.Person)
            .Where(x => x.UnitId == unitId && x.Role == TenancyRole.Tenant && x.StartDate <= today && (x.EndDate == null || x.EndDate >= today))
            .OrderByDescending(x => x.StartDate).FirstOrDefaultAsync(ct);
        return t is null ? null : (t.Id, t.PersonId, t.Person.FullName, t.StartDate);
    }

    /// <summary>The person with this ID or passport number, if one exists (the wizard's look-up).</summary>
    public async Task<Person?> FindPersonAsync(IdentityDocumentType type, string? number, CancellationToken ct = default)
    {
        var id = IdentityDocument.Validate(type, number);
        if (id.IsFailure) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == id.Value, ct);
    }

    public async Task<decimal> WalletBalanceAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var walletId = await db.Wallets.Where(w => w.UnitId == unitId).Select(w => (int?)w.Id).FirstOrDefaultAsync(ct);
        return walletId is int w ? (await db.LedgerAccounts.Where(a => a.WalletId == w).Select(a => a.Balance).ToListAsync(ct)).Sum() : 0m;
    }

    /// <summary>The unit's lease holder on a day, if any.</summary>
    public static Task<Tenancy?> CurrentTenancyAsync(QuantifyDbContext db, int unitId, DateOnly on, CancellationToken ct) =>
        db.Tenancies.AsNoTracking()
            .Where(t => t.UnitId == unitId && t.Role == TenancyRole.Tenant && t.StartDate <= on && (t.EndDate == null || t.EndDate >= on))
            .OrderByDescending(t => t.StartDate).FirstOrDefaultAsync(ct);
}
