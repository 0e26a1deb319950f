using Quantify.Domain.Common;

namespace Quantify.Domain.People;

/// <summary>
/// A natural person: owner, tenant, family member, trustee or agent. Never hard-deleted once referred to;
/// deactivated, or anonymised on request (POPIA) while their financial history keeps pointing at the same row.
/// </summary>
public sealed class Person : AuditableEntity
{
    public const string AnonymisedName = "Anonymised";

    private Person() { }

    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    public IdentityDocumentType IdDocumentType { get; private set; }
    public string? IdNumber { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? AlternativePhone { get; private set; }
    public DateOnly? DateOfBirth { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTimeOffset? AnonymisedAt { get; private set; }

    public string FullName => $"{FirstName} {LastName}";

    public static Result<Person> Create(string firstName, string lastName, IdentityDocumentType docType, string? idNumber,
        string? email = null, string? phone = null, DateOnly? dateOfBirth = null, string? alternativePhone = null)
    {
        var p = new Person();
        var r = p.Update(firstName, lastName, docType, idNumber, email, phone, dateOfBirth, alternativePhone);
        return r.IsSuccess ? Result<Person>.Ok(p) : Result<Person>.Fail(r.Errors);
    }

    public Result Update(string firstName, string lastName, IdentityDocumentType docType, string? idNumber,
        string? email, string? phone, DateOnly? dateOfBirth, string? alternativePhone)
    {
        if (AnonymisedAt is not null)
            return Result.Fail(new Error("anonymised", "This person was anonymised and can no longer be edited."));
        var v = new Validator()
            .Required(firstName, nameof(FirstName), "First name").MaxLength(firstName, 50, nameof(FirstName), "First name")
            .Required(lastName, nameof(LastName), "Last name").MaxLength(lastName, 50, nameof(LastName), "Last name")
            .MaxLength(email, 120, nameof(Email), "Email").MaxLength(phone, 20, nameof(Phone), "Phone")
            .MaxLength(alternativePhone, 20, nameof(AlternativePhone), "Alternative phone");
        if (!string.IsNullOrWhiteSpace(email) && (!email.Contains('@', StringComparison.Ordinal) || email.Trim().Contains(' ', StringComparison.Ordinal)))
            v.Add(new Error("invalid_email", $"Email '{email}' is not a valid address.", nameof(Email)));
        string? normalisedId = null;
        if (!string.IsNullOrWhiteSpace(idNumber))
        {
            var id = IdentityDocument.Validate(docType, idNumber, nameof(IdNumber));
            if (id.IsFailure) foreach (var e in id.Errors) v.Add(e);
            else normalisedId = id.Value;
        }
        if (!v.IsValid) return v.ToResult();
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        IdDocumentType = docType;
        IdNumber = normalisedId;
        Email = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        Phone = phone?.Trim();
        AlternativePhone = alternativePhone?.Trim();
        DateOfBirth = dateOfBirth;
        return Result.Ok();
    }

    public void Deactivate() => IsActive = false;

    public void Reactivate()
    {
        if (AnonymisedAt is null) IsActive = true;
    }

    /// <summary>POPIA erasure: personal details are removed; the row (and every ledger line that refers to it) stays.</summary>
    public void Anonymise(DateTimeOffset at)
    {
        FirstName = AnonymisedName;
        LastName = $"#{Id}";
        IdNumber = null;
        Email = null;
        Phone = null;
        AlternativePhone = null;
        DateOfBirth = null;
        IsActive = false;
        AnonymisedAt = at;
    }
}
