using Quantify.Domain.Common;

namespace Quantify.Domain.Estates;

public enum EstateKind { SectionalTitle, Complex, StudentHousing, MixedUse }

/// <summary>A scheme whose units are sub-metered. Master data: archived, never hard-deleted once anything refers to it.</summary>
public sealed class Estate : AuditableEntity
{
    private Estate() { }

    public string Name { get; private set; } = "";
    public EstateKind Kind { get; private set; }
    public string? Address { get; private set; }
    public string? City { get; private set; }
    public string? Province { get; private set; }
    public string? PostalCode { get; private set; }
    public string Country { get; private set; } = Defaults.Country;
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset? ArchivedAt { get; private set; }
    public string? ArchiveReason { get; private set; }
    public EstateSettings Settings { get; private set; } = null!;

    public static Result<Estate> Create(string name, EstateKind kind, string? address = null, string? city = null, string? province = null, string? postalCode = null)
    {
        var estate = new Estate { Settings = EstateSettings.CreateDefault() };
        var r = estate.Update(name, kind, address, city, province, postalCode);
        return r.IsSuccess ? Result<Estate>.Ok(estate) : Result<Estate>.Fail(r.Errors);
    }

    public Result Update(string name, EstateKind kind, string? address, string? city, string? province, string? postalCode)
    {
        var v = new Validator()
            .Required(name, nameof(Name), "Estate name").MaxLength(name, 100, nameof(Name), "Estate name")
            .MaxLength(address, 255, nameof(Address), "Address").MaxLength(city, 100, nameof(City), "City")
            .MaxLength(province, 100, nameof(Province), "Province").MaxLength(postalCode, 20, nameof(PostalCode), "Postal code");
        if (!v.IsValid) return v.ToResult();
        Name = name.Trim();
        Kind = kind;
        Address = address?.Trim();
        City = city?.Trim();
        Province = province?.Trim();
        PostalCode = postalCode?.Trim();
        return Result.Ok();
    }

    public void Archive(DateTimeOffset at, string reason)
    {
        IsActive = false;
        ArchivedAt = at;
        ArchiveReason = reason;
    }

    public void Restore()
    {
        IsActive = true;
        ArchivedAt = null;
        ArchiveReason = null;
    }
}
