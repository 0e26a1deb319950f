using Quantify.Domain.Common;

namespace Quantify.Domain.Estates;

public enum Occupancy { Occupied, Vacant, Maintenance }

/// <summary>A unit in an estate. Its number is unique within the estate. Archived, never hard-deleted once it has history.</summary>
public sealed class Unit : AuditableEntity
{
    private Unit() { }

    public int EstateId { get; private set; }
    public Estate Estate { get; private set; } = null!;
    public string UnitNumber { get; private set; } = "";
    public string? Floor { get; private set; }
    public string? Building { get; private set; }
    public int? Bedrooms { get; private set; }
    public int? Bathrooms { get; private set; }
    public decimal? SizeSqm { get; private set; }
    /// <summary>Participation quota (sectional title): the unit's share of common costs, in percent.</summary>
    public decimal? ParticipationQuota { get; private set; }
    public Occupancy Occupancy { get; private set; } = Defaults.UnitOccupancy;
    /// <summary>Reference residents quote on bank deposits (EFT reconciliation).</summary>
    public string PaymentReference { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    /// <summary>Registered for free basic services (indigent household): the tariff's free monthly allowance applies.</summary>
    public bool FreeBasicRegistered { get; private set; }
    public DateTimeOffset? ArchivedAt { get; private set; }
    public string? ArchiveReason { get; private set; }

    public static Result<Unit> Create(int estateId, string unitNumber, string? floor = null, string? building = null,
        decimal? sizeSqm = null, decimal? participationQuota = null, int? bedrooms = null, int? bathrooms = null)
    {
        var unit = new Unit { EstateId = estateId };
        var r = unit.Update(unitNumber, floor, building, sizeSqm, participationQuota, bedrooms, bathrooms);
        return r.IsSuccess ? Result<Unit>.Ok(unit) : Result<Unit>.Fail(r.Errors);
    }

    public Result Update(string unitNumber, string? floor, string? building, decimal? sizeSqm, decimal? participationQuota, int? bedrooms, int? bathrooms)
    {
        var v = new Validator()
            .Required(unitNumber, nameof(UnitNumber), "Unit number").MaxLength(unitNumber, 50, nameof(UnitNumber), "Unit number")
            .MaxLength(floor, 20, nameof(Floor), "Floor").MaxLength(building, 50, nameof(Building), "Building")
            .Range(sizeSqm, 0.01m, 100_000m, nameof(SizeSqm), "Size (m²)")
            .Range(participationQuota, 0m, 100m, nameof(ParticipationQuota), "Participation quota (%)")
            .Range(bedrooms, 0, 50, nameof(Bedrooms), "Bedrooms").Range(bathrooms, 0, 50, nameof(Bathrooms), "Bathrooms");
        if (!v.IsValid) return v.ToResult();
        UnitNumber = unitNumber.Trim();
        Floor = floor?.Trim();
        Building = building?.Trim();
        SizeSqm = sizeSqm;
        ParticipationQuota = participationQuota;
        Bedrooms = bedrooms;
        Bathrooms = bathrooms;
        return Result.Ok();
    }

    public void AssignPaymentReference(string reference) => PaymentReference = reference;

    public void SetOccupancy(Occupancy occupancy) => Occupancy = occupancy;

    public void SetFreeBasicRegistration(bool registered) => FreeBasicRegistered = registered;

    public void Archive(DateTimeOffset at, string reason)
    {
        IsActive = false;
        ArchivedAt = at;
        ArchiveReason = reason;
        Occupancy = Occupancy.Vacant;
    }

    public void Restore()
    {
        IsActive = true;
        ArchivedAt = null;
        ArchiveReason = null;
    }
}
