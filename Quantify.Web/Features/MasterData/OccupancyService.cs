using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.MasterData;

public sealed record OccupancyRow(int Id, string Kind, int PersonId, string PersonName, DateOnly StartDate, DateOnly? EndDate, string Detail, bool IsCurrent);

/// <summary>Who owns and who lives in a unit, over time. History is ended, never deleted.</summary>
public sealed class OccupancyService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<int>> AddTenancyAsync(int unitId, int personId, DateOnly start, DateOnly? end, TenancyRole role = TenancyRole.Tenant,
        decimal? monthlySpendLimit = null, CancellationToken ct = default)
    {
        if (role == TenancyRole.FamilyMember) return Result<int>.Fail(FamilyMemberRefused("Role"));
        var created = Tenancy.Create(unitId, personId, start, end, role, monthlySpendLimit);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CheckPartiesAsync(db, unitId, personId, ct) is { } bad) return Result<int>.Fail(bad);
        if (await TenancyOverlapAsync(db, unitId, personId, start, end, ct) is { } overlap) return Result<int>.Fail(overlap);
        await StageTenancyAsync(db, created.Value, Today, ct);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(created.Value.Id);
    }

    /// <summary>What the family-member occupancy became (seed 004 §4.2): wallet access grants, given by the wallet's Manage holder.</summary>
    public const string FamilyAccessPath =
        "the unit's tenant (or its owner, when no tenant lives there) invites them under Wallet → \"Family access to this wallet\", with a level (View, TopUp with caps, Manage)";

    /// <summary>The error for a family-member occupancy, which is no longer created (shared with the bulk import).</summary>
    public static Error FamilyMemberRefused(string field) =>
        new("family_member_tenancy", $"Family members no longer get an occupancy of the unit: {FamilyAccessPath}.", field);

    /// <summary>The person's tenancy on the unit that overlaps the period, as an error (shared with the bulk import).</summary>
    public static async Task<Error?> TenancyOverlapAsync(QuantifyDbContext db, int unitId, int personId, DateOnly start, DateOnly? end, CancellationToken ct)
    {
        var overlap = await db.Tenancies.AsNoTracking()
            .Where(t => t.UnitId == unitId && t.PersonId == personId && t.StartDate <= (end ?? DateOnly.MaxValue) && (t.EndDate == null || t.EndDate >= start))
            .FirstOrDefaultAsync(ct);
        return overlap is null ? null : new Error("overlapping_tenancy",
            $"This person already has a tenancy on this unit from {overlap.StartDate:yyyy-MM-dd}{(overlap.EndDate is { } e ? $" to {e:yyyy-MM-dd}" : "")}: end or change it instead.", "StartDate");
    }

    /// <summary>Adds the tenancy and marks the unit occupied when a tenant lives there today (nothing saved).</summary>
    public static async Task StageTenancyAsync(QuantifyDbContext db, Tenancy tenancy, DateOnly today, CancellationToken ct)
    {
        db.Tenancies.Add(tenancy);
        if (tenancy.Role == TenancyRole.Tenant && tenancy.StartDate <= today && (tenancy.EndDate is null || tenancy.EndDate >= today))
            (await db.Units.SingleAsync(u => u.Id == tenancy.UnitId, ct)).SetOccupancy(Occupancy.Occupied);
    }

    public async Task<Result<int>> AddOwnershipAsync(int unitId, int personId, DateOnly start, DateOnly? end, decimal sharePercent = 100m, CancellationToken ct = default)
    {
        var created = Ownership.Create(unitId, personId, start, end, sharePercent);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await CheckPartiesAsync(db, unitId, personId, ct) is { } bad) return Result<int>.Fail(bad);
        if (await ShareExceededAsync(db, unitId, start, end, sharePercent, ct) is { } exceeded) return Result<int>.Fail(exceeded);
        db.Ownerships.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(created.Value.Id);
    }

    /// <summary>An error when the unit's ownership shares in the period would pass 100% (shared with the bulk import).</summary>
    public static async Task<Error?> ShareExceededAsync(QuantifyDbContext db, int unitId, DateOnly start, DateOnly? end, decimal sharePercent, CancellationToken ct)
    {
        var current = await db.Ownerships.AsNoTracking()
            .Where(o => o.UnitId == unitId && o.StartDate <= (end ?? DateOnly.MaxValue) && (o.EndDate == null || o.EndDate >= start))
            .Select(o => o.SharePercent).ToListAsync(ct);
        return current.Sum() + sharePercent > 100m
            ? new Error("share_exceeded", $"The unit's ownership shares in that period would add up to {current.Sum() + sharePercent}%: end the previous ownership first.", "SharePercent")
            : null;
    }

    public async Task<Result> EndTenancyAsync(int tenancyId, DateOnly end, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var t = await db.Tenancies.FirstOrDefaultAsync(x => x.Id == tenancyId, ct);
        if (t is null) return Result.Fail(MasterDataErrors.NotFound("Tenancy", tenancyId));
        var r = t.End(end);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> EndOwnershipAsync(int ownershipId, DateOnly end, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var o = await db.Ownerships.FirstOrDefaultAsync(x => x.Id == ownershipId, ct);
        if (o is null) return Result.Fail(MasterDataErrors.NotFound("Ownership", ownershipId));
        var r = o.End(end);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<IReadOnlyList<OccupancyRow>> ForUnitAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var today = Today;
        var tenancies = await db.Tenancies.AsNoTracking().Include(t => t.Person).Where(t => t.UnitId == unitId).ToListAsync(ct);
        var ownerships = await db.Ownerships.AsNoTracking().Include(o => o.Person).Where(o => o.UnitId == unitId).ToListAsync(ct);
        return ownerships.Select(o => new OccupancyRow(o.Id, "Ownership", o.PersonId, o.Person.FullName, o.StartDate, o.EndDate, $"{o.SharePercent:0.##}%", o.IsActiveOn(today)))
            .Concat(tenancies.Select(t => new OccupancyRow(t.Id, t.Role == TenancyRole.Tenant ? "Tenancy" : "Family", t.PersonId, t.Person.FullName, t.StartDate, t.EndDate,
                t.MonthlySpendLimit is { } l ? "limit " + Money.Format(l) : "", t.IsActiveOn(today))))
            .OrderByDescending(r => r.IsCurrent).ThenByDescending(r => r.StartDate).ToList();
    }

    private static async Task<Error?> CheckPartiesAsync(QuantifyDbContext db, int unitId, int personId, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return new Error("unknown_unit", $"Unit #{unitId} does not exist.", "UnitId");
        if (!unit.IsActive) return new Error("archived_unit", $"Unit {unit.UnitNumber} is archived.", "UnitId");
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return new Error("unknown_person", $"Person #{personId} does not exist.", "PersonId");
        if (!person.IsActive) return new Error("inactive_person", $"{person.FullName} is deactivated: reactivate them first.", "PersonId");
        return null;
    }
}
