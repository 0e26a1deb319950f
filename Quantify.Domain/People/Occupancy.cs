using Quantify.Domain.Common;

namespace Quantify.Domain.People;

/// <summary>Who owned a unit, and when. Occupancy history: ended, never deleted once the unit has billed.</summary>
public sealed class Ownership : AuditableEntity
{
    private Ownership() { }

    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public Person Person { get; private set; } = null!;
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    /// <summary>Share of the unit owned, in percent (co-owners).</summary>
    public decimal SharePercent { get; private set; } = 100m;

    public static Result<Ownership> Create(int unitId, int personId, DateOnly start, DateOnly? end = null, decimal sharePercent = 100m)
    {
        var v = new Validator().Range(sharePercent, 0.01m, 100m, nameof(SharePercent), "Ownership share (%)");
        if (DateRange.Check(start, end) is { } e) v.Add(e);
        return v.IsValid
            ? Result<Ownership>.Ok(new Ownership { UnitId = unitId, PersonId = personId, StartDate = start, EndDate = end, SharePercent = sharePercent })
            : Result<Ownership>.Fail(v.Errors);
    }

    public bool IsActiveOn(DateOnly day) => DateRange.IsActiveOn(StartDate, EndDate, day);

    public Result End(DateOnly end)
    {
        if (DateRange.Check(StartDate, end) is { } e) return Result.Fail(e);
        EndDate = end;
        return Result.Ok();
    }

    public Result ChangeDates(DateOnly start, DateOnly? end)
    {
        if (DateRange.Check(start, end) is { } e) return Result.Fail(e);
        StartDate = start;
        EndDate = end;
        return Result.Ok();
    }
}

public enum TenancyRole { Tenant, FamilyMember }

/// <summary>Who lives in a unit, and when: the lease holder, or a family member sharing their wallet.</summary>
public sealed class Tenancy : AuditableEntity
{
    private Tenancy() { }

    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public Person Person { get; private set; } = null!;
    public TenancyRole Role { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    /// <summary>For family members: the most they may spend from the unit wallet per month (null = no limit).</summary>
    public decimal? MonthlySpendLimit { get; private set; }

    public static Result<Tenancy> Create(int unitId, int personId, DateOnly start, DateOnly? end = null,
        TenancyRole role = TenancyRole.Tenant, decimal? monthlySpendLimit = null)
    {
        var v = new Validator().Range(monthlySpendLimit, 0m, 1_000_000m, nameof(MonthlySpendLimit), "Monthly spend limit");
        if (DateRange.Check(start, end) is { } e) v.Add(e);
        return v.IsValid
            ? Result<Tenancy>.Ok(new Tenancy { UnitId = unitId, PersonId = personId, StartDate = start, EndDate = end, Role = role, MonthlySpendLimit = monthlySpendLimit })
            : Result<Tenancy>.Fail(v.Errors);
    }

    public bool IsActiveOn(DateOnly day) => DateRange.IsActiveOn(StartDate, EndDate, day);

    public Result End(DateOnly end)
    {
        if (DateRange.Check(StartDate, end) is { } e) return Result.Fail(e);
        EndDate = end;
        return Result.Ok();
    }

    public Result ChangeDates(DateOnly start, DateOnly? end)
    {
        if (DateRange.Check(start, end) is { } e) return Result.Fail(e);
        StartDate = start;
        EndDate = end;
        return Result.Ok();
    }
}
