using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Web.Data;

namespace Quantify.Web.Features.MasterData;

public sealed record EstateInput(string Name, EstateKind Kind, string? Address, string? City, string? Province, string? PostalCode);

public sealed record EstateRow(int Id, string Name, EstateKind Kind, string? City, string? Province, int Units, int Meters, bool IsActive, DateTimeOffset? ArchivedAt);

public sealed class EstateService(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<Result<int>> CreateAsync(EstateInput input, CancellationToken ct = default)
    {
        var created = Estate.Create(input.Name, input.Kind, input.Address, input.City, input.Province, input.PostalCode);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await NameTaken(db, created.Value.Name, null, ct) is { } taken) return Result<int>.Fail(taken);
        db.Estates.Add(created.Value);
        var saved = await MasterDataErrors.SaveAsync(db, () => Duplicate(created.Value.Name), ct);
        return MasterDataErrors.Map(saved, created.Value.Id);
    }

    public async Task<Result> UpdateAsync(int id, EstateInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estate = await db.Estates.FirstOrDefaultAsync(e => e.Id == id, ct);
        if (estate is null) return Result.Fail(MasterDataErrors.NotFound("Estate", id));
        var r = estate.Update(input.Name, input.Kind, input.Address, input.City, input.Province, input.PostalCode);
        if (r.IsFailure) return r;
        if (await NameTaken(db, estate.Name, id, ct) is { } taken) return Result.Fail(taken);
        return await MasterDataErrors.SaveAsync(db, () => Duplicate(estate.Name), ct);
    }

    public async Task<Estate?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Estates.AsNoTracking().Include(e => e.Settings).FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> OptionsAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.Estates.AsNoTracking().Where(e => e.IsActive).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct))
            .Select(e => (e.Id, e.Name)).ToList();
    }

    public async Task<Page<EstateRow>> ListAsync(PageQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Estates.AsNoTracking().Where(e => query.IncludeArchived || e.IsActive);
        if (!string.IsNullOrWhiteSpace(query.Search))
            q = q.Where(e => e.Name.Contains(query.Search) || (e.City != null && e.City.Contains(query.Search)));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(e => e.Name).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(e => new EstateRow(e.Id, e.Name, e.Kind, e.City, e.Province,
                db.Units.Count(u => u.EstateId == e.Id && u.IsActive), db.Meters.Count(m => m.EstateId == e.Id && m.IsActive), e.IsActive, e.ArchivedAt))
            .ToListAsync(ct);
        return new Page<EstateRow>(rows, total);
    }

    private static async Task<Error?> NameTaken(QuantifyDbContext db, string name, int? exceptId, CancellationToken ct) =>
        await db.Estates.AnyAsync(e => e.Name == name && e.Id != exceptId, ct) ? Duplicate(name) : null;

    private static Error Duplicate(string name) => new("duplicate_name", $"An estate named '{name}' already exists.", nameof(EstateInput.Name));
}
