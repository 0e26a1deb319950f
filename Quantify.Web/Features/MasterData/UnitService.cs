using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Web.Data;

namespace Quantify.Web.Features.MasterData;

public sealed record UnitInput(int EstateId, string UnitNumber, string? Floor, string? Building, decimal? SizeSqm, decimal? ParticipationQuota, int? Bedrooms, int? Bathrooms);

public sealed record UnitRow(int Id, int EstateId, string EstateName, string UnitNumber, string? Building, Occupancy Occupancy, string PaymentReference, bool IsActive);

public sealed class UnitService(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<Result<int>> CreateAsync(UnitInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.AsNoTracking().FirstOrDefaultAsync(e => e.Id == input.EstateId, ct);
        if (estate is null) return Result<int>.Fail(new Error("unknown_estate", $"Estate #{input.EstateId} does not exist.", nameof(UnitInput.EstateId)));
        if (!estate.IsActive) return Result<int>.Fail(new Error("archived_estate", $"Estate '{estate.Name}' is archived: restore it before adding units.", nameof(UnitInput.EstateId)));
        var created = Unit.Create(input.EstateId, input.UnitNumber, input.Floor, input.Building, input.SizeSqm, input.ParticipationQuota, input.Bedrooms, input.Bathrooms);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        var unit = created.Value;
        if (await NumberTaken(db, unit.EstateId, unit.UnitNumber, null, ct)) return Result<int>.Fail(Clash(unit.UnitNumber, estate.Name));
        unit.AssignPaymentReference(await NewPaymentReferenceAsync(db, estate.Name, unit.UnitNumber, ct));
        db.Units.Add(unit);
        var saved = await MasterDataErrors.SaveAsync(db, () => Clash(unit.UnitNumber, estate.Name), ct);
        return MasterDataErrors.Map(saved, unit.Id);
    }

    public async Task<Result> UpdateAsync(int id, UnitInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return Result.Fail(MasterDataErrors.NotFound("Unit", id));
        var r = unit.Update(input.UnitNumber, input.Floor, input.Building, input.SizeSqm, input.ParticipationQuota, input.Bedrooms, input.Bathrooms);
        if (r.IsFailure) return r;
        if (await NumberTaken(db, unit.EstateId, unit.UnitNumber, id, ct)) return Result.Fail(Clash(unit.UnitNumber, unit.Estate.Name));
        return await MasterDataErrors.SaveAsync(db, () => Clash(unit.UnitNumber, unit.Estate.Name), ct);
    }

    public async Task<Unit?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Units.AsNoTracking().Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == id, ct);
    }

    public async Task<Page<UnitRow>> ListAsync(PageQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Units.AsNoTracking().Where(u => query.IncludeArchived || u.IsActive);
        if (query.EstateId is int estateId) q = q.Where(u => u.EstateId == estateId);
        if (!string.IsNullOrWhiteSpace(query.Search))
            q = q.Where(u => u.UnitNumber.Contains(query.Search) || u.PaymentReference.Contains(query.Search) || u.Estate.Name.Contains(query.Search));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(u => u.Estate.Name).ThenBy(u => u.UnitNumber).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(u => new UnitRow(u.Id, u.EstateId, u.Estate.Name, u.UnitNumber, u.Building, u.Occupancy, u.PaymentReference, u.IsActive))
            .ToListAsync(ct);
        return new Page<UnitRow>(rows, total);
    }

    /// <summary>Active units of an estate as (id, number), for pickers.</summary>
    public async Task<IReadOnlyList<(int Id, string Number)>> OptionsAsync(int estateId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Units.AsNoTracking().Where(u => u.EstateId == estateId && u.IsActive).OrderBy(u => u.UnitNumber).Select(u => new { u.Id, u.UnitNumber }).ToListAsync(ct))
            .Select(u => (u.Id, u.UnitNumber)).ToList();
    }

    /// <summary>Registers (or deregisters) the unit for free basic services, which the tariff's free allowance needs.</summary>
    public async Task<Result> SetFreeBasicAsync(int id, bool registered, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return Result.Fail(new Error("not_found", $"Unit #{id} does not exist."));
        unit.SetFreeBasicRegistration(registered);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> SetOccupancyAsync(int id, Occupancy occupancy, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return Result.Fail(MasterDataErrors.NotFound("Unit", id));
        unit.SetOccupancy(occupancy);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Estate initials + unit number, upper-case, unique (a numeric suffix is added on a clash), at most 20 characters.</summary>
    public static async Task<string> NewPaymentReferenceAsync(QuantifyDbContext db, string estateName, string unitNumber, CancellationToken ct)
    {
        var initials = new string(estateName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => char.ToUpperInvariant(w[0])).Where(char.IsAsciiLetterOrDigit).Take(4).ToArray());
        var number = new StringBuilder();
        foreach (var c in unitNumber.ToUpperInvariant()) if (char.IsAsciiLetterOrDigit(c)) number.Append(c);
        var stem = $"{(initials.Length == 0 ? "Q" : initials)}-{number}";
        stem = stem.Length > 16 ? stem[..16] : stem;
        var candidate = stem;
        for (var i = 2; await db.Units.AnyAsync(u => u.PaymentReference == candidate, ct); i++) candidate = $"{stem}-{i}";
        return candidate;
    }

    private static Task<bool> NumberTaken(QuantifyDbContext db, int estateId, string number, int? exceptId, CancellationToken ct) =>
        db.Units.AnyAsync(u => u.EstateId == estateId && u.UnitNumber == number && u.Id != exceptId, ct);

    public static Error Clash(string number, string estate) =>
        new("unit_number_clash", $"Unit number '{number}' already exists in {estate}.", nameof(UnitInput.UnitNumber));
}
