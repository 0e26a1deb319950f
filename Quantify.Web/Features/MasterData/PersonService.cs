using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.People;
using Quantify.Web.Data;

namespace Quantify.Web.Features.MasterData;

public sealed record PersonInput(string FirstName, string LastName, IdentityDocumentType IdType, string? IdNumber, string? Email, string? Phone,
    DateOnly? DateOfBirth = null, string? AlternativePhone = null);

public sealed record PersonRow(int Id, string FullName, IdentityDocumentType IdType, string? IdNumber, string? Email, string? Phone, bool IsActive, bool Anonymised);

public sealed class PersonService(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<Result<int>> CreateAsync(PersonInput input, CancellationToken ct = default)
    {
        var created = Person.Create(input.FirstName, input.LastName, input.IdType, input.IdNumber, input.Email, input.Phone, input.DateOfBirth, input.AlternativePhone);
        if (created.IsFailure) return Result<int>.Fail(created.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await IdTaken(db, created.Value.IdNumber, null, ct) is { } taken) return Result<int>.Fail(taken);
        db.Persons.Add(created.Value);
        var saved = await MasterDataErrors.SaveAsync(db, () => Duplicate(created.Value.IdNumber), ct);
        return MasterDataErrors.Map(saved, created.Value.Id);
    }

    public async Task<Result> UpdateAsync(int id, PersonInput input, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var person = await db.Persons.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return Result.Fail(MasterDataErrors.NotFound("Person", id));
        var r = person.Update(input.FirstName, input.LastName, input.IdType, input.IdNumber, input.Email, input.Phone, input.DateOfBirth, input.AlternativePhone);
        if (r.IsFailure) return r;
        if (await IdTaken(db, person.IdNumber, id, ct) is { } taken) return Result.Fail(taken);
        return await MasterDataErrors.SaveAsync(db, () => Duplicate(person.IdNumber), ct);
    }

    public async Task<Person?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
    }

    public async Task<Page<PersonRow>> ListAsync(PageQuery query, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Persons.AsNoTracking().Where(p => query.IncludeArchived || p.IsActive);
        if (!string.IsNullOrWhiteSpace(query.Search))
            q = q.Where(p => p.FirstName.Contains(query.Search) || p.LastName.Contains(query.Search) || (p.Email != null && p.Email.Contains(query.Search))
                             || (p.IdNumber != null && p.IdNumber.Contains(query.Search)));
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(p => p.LastName).ThenBy(p => p.FirstName).Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(p => new PersonRow(p.Id, p.FirstName + " " + p.LastName, p.IdDocumentType, p.IdNumber, p.Email, p.Phone, p.IsActive, p.AnonymisedAt != null))
            .ToListAsync(ct);
        return new Page<PersonRow>(rows, total);
    }

    public async Task<IReadOnlyList<(int Id, string Name)>> SearchOptionsAsync(string? search, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Persons.AsNoTracking().Where(p => p.IsActive);
        if (!string.IsNullOrWhiteSpace(search))
            q = q.Where(p => p.FirstName.Contains(search) || p.LastName.Contains(search) || (p.IdNumber != null && p.IdNumber.Contains(search)));
        return (await q.OrderBy(p => p.LastName).Take(20).Select(p => new { p.Id, Name = p.FirstName + " " + p.LastName + (p.IdNumber == null ? "" : " (" + p.IdNumber + ")") }).ToListAsync(ct))
            .Select(p => (p.Id, p.Name)).ToList();
    }

    private static async Task<Error?> IdTaken(QuantifyDbContext db, string? idNumber, int? exceptId, CancellationToken ct) =>
        idNumber is not null && await db.Persons.AnyAsync(p => p.IdNumber == idNumber && p.Id != exceptId, ct) ? Duplicate(idNumber) : null;

    public static Error Duplicate(string? idNumber) =>
        new("duplicate_id_number", $"ID/passport number '{idNumber}' already belongs to another person: find and use that person instead.", nameof(PersonInput.IdNumber));
}
