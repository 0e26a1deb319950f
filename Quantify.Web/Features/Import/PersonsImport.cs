using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.People;
using Quantify.Web.Data;
using Quantify.Web.Features.MasterData;

namespace Quantify.Web.Features.Import;

/// <summary>
/// People by ID/passport number, with an optional link to a unit (tenant = bulk onboarding with the move-in date, owner,
/// family member) keyed by unit + person + start date. The person and the link of a row are written together or not at all.
/// </summary>
public sealed class PersonsImport(Onboarding.InvitationService invitations, Onboarding.OnboardingOptions onboarding) : ImportHandler
{
    private enum Link { Tenant, Owner, FamilyMember }

    private sealed record Planned(PersonInput Person, bool PersonChanged, int? UnitId, string? UnitNumber, Link? Link, DateOnly? Start, DateOnly? End, decimal Share,
        int? ExistingLinkId);

    public override ImportSchema Schema => ImportSchemas.Persons;

    public override async Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var ids = rows.Select(r => r.Text("ID number")?.Replace(" ", "", StringComparison.Ordinal)).Where(x => x is not null).Distinct().ToList();
        var persons = (await db.Persons.AsNoTracking().Where(p => p.IdNumber != null && ids.Contains(p.IdNumber)).ToListAsync(ct)).ToDictionary(p => p.IdNumber!);
        var estateIds = context.EstateIds;
        var units = (await db.Units.AsNoTracking().Where(u => estateIds.Contains(u.EstateId)).Select(u => new { u.Id, u.EstateId, u.UnitNumber, u.IsActive }).ToListAsync(ct))
            .ToDictionary(u => (u.EstateId, u.UnitNumber));
        var seenPerson = new Dictionary<string, (int Row, string Name)>();
        var seenLink = new Dictionary<(string, int, DateOnly), int>();
        var plan = new List<PlannedRow>(rows.Count);
        foreach (var r in rows)
        {
            var row = new PlannedRow(r);
            plan.Add(row);
            var idType = r.Text("ID type") == "Passport" ? IdentityDocumentType.Passport : IdentityDocumentType.SaId;
            var input = new PersonInput(r.Text("First name") ?? "", r.Text("Last name") ?? "", idType, r.Text("ID number"), r.Text("Email"), r.Text("Phone"));
            var candidate = Person.Create(input.FirstName, input.LastName, input.IdType, input.IdNumber, input.Email, input.Phone);
            if (candidate.IsFailure) row.AddErrors(candidate.Errors, Schema);
            var idNumber = candidate.IsSuccess ? candidate.Value.IdNumber! : input.IdNumber ?? "";
            row.Key = idNumber;

            // The optional unit link.
            var unitNumber = r.Text(ImportSchemas.UnitNumber);
            Link? link = r.Text("Relationship") switch { "Tenant" => Link.Tenant, "Owner" => Link.Owner, "Family member" => Link.FamilyMember, _ => null };
            var start = r.Date("Start date");
            var end = r.Date("End date");
            var share = r.Dec("Share %") ?? 100m;
            int? unitId = null;
            if (unitNumber is null)
            {
                if (link is not null || start is not null) row.Error(ImportSchemas.UnitNumber, "Relationship and start date need the unit to link to: fill in the unit number (or clear them for a person only).");
            }
            else
            {
                var estate = context.ResolveEstate(row);
                if (link is null && !r.Errors.Any(e => e.Column == "Relationship")) row.Error("Relationship", "Say how the person is linked to the unit: Tenant or Owner.");
                if (link == Link.FamilyMember)
                    row.Error("Relationship", $"'Family member' is no longer imported as an occupancy: {OccupancyService.FamilyAccessPath}. Import the person without a unit, or as Tenant or Owner.");
                if (start is null && !r.Errors.Any(e => e.Column == "Start date")) row.Error("Start date", "Required with a unit: the move-in (or transfer) date.");
                if (start is { } s && end is { } e && e < s) row.Error("End date", $"The end date {e:yyyy-MM-dd} is before the start date {s:yyyy-MM-dd}.");
                if (link != Link.Owner && r.Has("Share %")) row.Error("Share %", "A share is for owners only.");
                if (share is <= 0 or > 100) row.Error("Share %", "The share is a percentage above 0 and at most 100.");
                if (estate is not null)
                {
                    if (!units.TryGetValue((estate.Id, unitNumber), out var unit))
                        row.Error(ImportSchemas.UnitNumber, $"Unknown unit '{unitNumber}' in {estate.Name}: import the units first.");
                    else if (!unit.IsActive)
                        row.Error(ImportSchemas.UnitNumber, $"Unit {unitNumber} in {estate.Name} is archived.");
                    else unitId = unit.Id;
                    row.Key = $"{idNumber} @ {estate.Name} / {unitNumber}";
                }
            }
            if (row.HasErrors || candidate.IsFailure) { row.Action = RowAction.Invalid; continue; }

            var name = candidate.Value.FullName;
            if (seenPerson.TryGetValue(idNumber, out var earlier) && !string.Equals(earlier.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                row.Error("ID number", $"Row {earlier.Row} gives this ID number to {earlier.Name}; this row names {name}.");
                row.Action = RowAction.Invalid;
                continue;
            }
            var firstMention = seenPerson.TryAdd(idNumber, (r.Number, name));
            if (unitId is int uid && Duplicate(seenLink, (idNumber, uid, start!.Value), row, ImportSchemas.UnitNumber, $"link of {idNumber} to unit {unitNumber} from {start:yyyy-MM-dd}"))
            {
                row.Action = RowAction.Invalid;
                continue;
            }

            var details = new List<string>();
            var personNew = !persons.TryGetValue(idNumber, out var person);
            var personChanged = false;
            if (person is not null)
            {
                if (person.AnonymisedAt is not null) { row.Error("ID number", "This person was anonymised and can no longer be imported to."); row.Action = RowAction.Invalid; continue; }
                if (!person.IsActive) { row.Error("ID number", $"{person.FullName} is deactivated: reactivate them first."); row.Action = RowAction.Invalid; continue; }
                var c = candidate.Value;
                var changes = Changes(("First name", person.FirstName, c.FirstName), ("Last name", person.LastName, c.LastName), ("Email", person.Email, c.Email), ("Phone", person.Phone, c.Phone));
                personChanged = changes.Length > 0 && firstMention;
                if (personChanged) details.Add(changes);
            }
            else if (firstMention) details.Add("New person");

            var linkNew = false;
            var linkChanged = false;
            int? existingLinkId = null;
            if (unitId is int unitKey && link is Link l)
            {
                if (person is not null)
                {
                    var (id, existingEnd, error) = await ExistingLinkAsync(db, l, unitKey, person.Id, start!.Value, end, share, ct);
                    if (error is not null) { row.AddErrors([error], Schema); row.Action = RowAction.Invalid; continue; }
                    existingLinkId = id;
                    linkNew = id is null;
                    linkChanged = id is not null && existingEnd != end;
                    if (linkChanged) details.Add($"End date {Show(existingEnd)} → {Show(end)}");
                }
                else
                {
                    linkNew = true;
                    if (l == Link.Owner && await OccupancyService.ShareExceededAsync(db, unitKey, start!.Value, end, share, ct) is { } exceeded)
                    {
                        row.AddErrors([exceeded], Schema);
                        row.Action = RowAction.Invalid;
                        continue;
                    }
                }
                if (linkNew) details.Add($"{(l == Link.FamilyMember ? "Family member" : l.ToString())} of {unitNumber} from {start:yyyy-MM-dd}");
            }
            row.Action = (personNew && firstMention) || linkNew ? RowAction.Create : personChanged || linkChanged ? RowAction.Update : RowAction.Unchanged;
            row.Detail = details.Count == 0 ? "Already up to date" : string.Join("; ", details);
            row.Data = new Planned(input, personChanged, unitId, unitNumber, link, start, end, share, existingLinkId);
        }
        return plan;
    }

    /// <summary>The same link (unit, person, start date) if it exists; else an error when a new one would break a rule.</summary>
    private static async Task<(int? Id, DateOnly? End, Error? Error)> ExistingLinkAsync(QuantifyDbContext db, Link link, int unitId, int personId, DateOnly start, DateOnly? end,
        decimal share, CancellationToken ct)
    {
        if (link == Link.Owner)
        {
            var o = await db.Ownerships.AsNoTracking().FirstOrDefaultAsync(x => x.UnitId == unitId && x.PersonId == personId && x.StartDate == start, ct);
            if (o is not null) return (o.Id, o.EndDate, null);
            return (null, null, await OccupancyService.ShareExceededAsync(db, unitId, start, end, share, ct));
        }
        var role = link == Link.Tenant ? TenancyRole.Tenant : TenancyRole.FamilyMember;
        var t = await db.Tenancies.AsNoTracking().FirstOrDefaultAsync(x => x.UnitId == unitId && x.PersonId == personId && x.StartDate == start, ct);
        if (t is not null)
            return t.Role == role ? (t.Id, t.EndDate, null)
                : (null, null, new Error("role_differs", $"This person's link to the unit from {start:yyyy-MM-dd} is as {t.Role}, not {role}: end it and add a new one instead.", "Role"));
        return (null, null, await OccupancyService.TenancyOverlapAsync(db, unitId, personId, start, end, ct));
    }

    public override async Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct)
    {
        var p = (Planned)row.Data!;
        var i = p.Person;
        var normalised = Person.Create(i.FirstName, i.LastName, i.IdType, i.IdNumber, i.Email, i.Phone);
        if (normalised.IsFailure) return normalised;
        var idNumber = normalised.Value.IdNumber;
        // Found by ID number now, not at planning: an earlier row of this upload may have created the person.
        var person = await db.Persons.FirstOrDefaultAsync(x => x.IdNumber == idNumber, ct);
        if (person is null)
        {
            person = normalised.Value;
            db.Persons.Add(person);
        }
        else if (p.PersonChanged)
        {
            var updated = person.Update(i.FirstName, i.LastName, i.IdType, i.IdNumber, i.Email, i.Phone, person.DateOfBirth, person.AlternativePhone);
            if (updated.IsFailure) return updated;
        }
        var saved = await MasterDataErrors.SaveAsync(db, () => PersonService.Duplicate(idNumber), ct);
        if (saved.IsFailure || p.UnitId is not int unitId || p.Link is not Link link) return saved;

        var start = p.Start!.Value;
        if (p.ExistingLinkId is int linkId)
        {
            Result ended;
            if (link == Link.Owner)
            {
                var o = await db.Ownerships.FirstAsync(x => x.Id == linkId, ct);
                ended = o.ChangeDates(o.StartDate, p.End);
            }
            else
            {
                var t = await db.Tenancies.FirstAsync(x => x.Id == linkId, ct);
                ended = t.ChangeDates(t.StartDate, p.End);
            }
            if (ended.IsFailure) return ended;
        }
        else if (link == Link.Owner)
        {
            if (await OccupancyService.ShareExceededAsync(db, unitId, start, p.End, p.Share, ct) is { } exceeded) return Result.Fail(exceeded);
            var ownership = Ownership.Create(unitId, person.Id, start, p.End, p.Share);
            if (ownership.IsFailure) return ownership;
            db.Ownerships.Add(ownership.Value);
        }
        else
        {
            if (await OccupancyService.TenancyOverlapAsync(db, unitId, person.Id, start, p.End, ct) is { } overlap) return Result.Fail(overlap);
            var tenancy = Tenancy.Create(unitId, person.Id, start, p.End, link == Link.Tenant ? TenancyRole.Tenant : TenancyRole.FamilyMember);
            if (tenancy.IsFailure) return tenancy;
            await OccupancyService.StageTenancyAsync(db, tenancy.Value, context.Today, ct);
            // Bulk onboarding: a current tenant with an email and no login yet gets the same invitation as the wizard's.
            if (link == Link.Tenant && !string.IsNullOrWhiteSpace(person.Email) && (p.End is null || p.End >= context.Today)
                && !await db.Users.AnyAsync(u => u.PersonId == person.Id, ct))
            {
                var (_, token) = await invitations.CreateInAsync(db, person.Id, unitId, person.Email!, Identity.Roles.Tenant, ct);
                var estateId = await db.Units.Where(u => u.Id == unitId).Select(u => u.EstateId).FirstAsync(ct);
                var estateName = context.EstatesByName.Values.FirstOrDefault(e => e.Id == estateId)?.Name;
                var (to, phone, name, place) = (person.Email!, person.Phone, person.FirstName, $"unit {p.UnitNumber}, {estateName}");
                await db.SaveChangesAsync(ct);
                context.AfterCommit(c => invitations.SendAsync(to, phone, name, place, Onboarding.InvitationService.Link(onboarding.PublicBaseUrl, token), c));
                return Result.Ok();
            }
        }
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
