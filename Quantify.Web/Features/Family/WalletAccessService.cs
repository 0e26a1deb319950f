using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.Onboarding;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Shared wallets (seed 004 §4.2, §4.5): a unit's Manage holders invite people by email with a level (View, TopUp with
/// caps, Manage), change and revoke them. An email with a login is extended (the FamilyMember role is added); one
/// without gets a FamilyMember invitation like tenant onboarding's. Every change is stamped with the acting user and
/// kept as history; a revocation tells the person's open screens at once (<see cref="AccessSignal"/>).
/// </summary>
public sealed class WalletAccessService(IDbContextFactory<QuantifyDbContext> factory, InvitationService invitations, IEmailSender email, AccessSignal signal,
    TimeProvider clock, ILogger<WalletAccessService> log)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<UnitAccess> AccessAsync(string? userId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await FamilyAccessQueries.AccessAsync(db, await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct), unitId, Today, ct);
    }

    /// <summary>What the user paid into the unit's wallet this month (counted against a monthly cap).</summary>
    public async Task<decimal> PaidThisMonthAsync(string userId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await TopUpGate.PaidThisMonthAsync(db, userId, unitId, clock.GetUtcNow(), ct);
    }

    /// <summary>Every grant of the unit (active and revoked), for a Manage holder; empty for anyone else.</summary>
    public async Task<IReadOnlyList<GrantView>> GrantsAsync(string userId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var access = await FamilyAccessQueries.AccessAsync(db, await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct), unitId, Today, ct);
        if (!access.CanManage) return [];
        var rows = await (from g in db.WalletAccessGrants.AsNoTracking()
                          where g.UnitId == unitId
                          join p in db.Persons on g.PersonId equals p.Id
                          from granter in db.Users.Where(u => u.Id == g.GrantedById).DefaultIfEmpty()
                          from revoker in db.Users.Where(u => u.Id == g.RevokedById).DefaultIfEmpty()
                          orderby g.RevokedAt != null, g.Id
                          select new { g, p.FirstName, p.LastName, p.Email, GrantedBy = granter == null ? null : granter.DisplayName, RevokedBy = revoker == null ? null : revoker.DisplayName }).ToListAsync(ct);
        var personIds = rows.Select(r => r.g.PersonId).ToList();
        var pending = (await db.Invitations.AsNoTracking().Where(i => personIds.Contains(i.PersonId) && i.Status == InvitationStatus.Pending).Select(i => i.PersonId).ToListAsync(ct)).ToHashSet();
        return rows.Select(r => new GrantView(r.g.Id, r.g.UnitId, r.g.PersonId, $"{r.FirstName} {r.LastName}", r.Email, r.g.Level, r.g.CapPerTopUp, r.g.CapPerMonth,
            r.g.GrantedAt, r.GrantedBy, r.g.RevokedAt, r.RevokedBy, pending.Contains(r.g.PersonId))).ToList();
    }

    /// <summary>Grants access to the unit's wallet to the person with this email (created if unknown), inviting them to log in when they have no login.</summary>
    public async Task<Result<int>> InviteAsync(string userId, int unitId, InviteRequest request, string linkBase, CancellationToken ct = default)
    {
        var address = request.Email?.Trim() ?? "";
        var v = new Validator().Required(address, nameof(InviteRequest.Email), "Email").MaxLength(address, 256, nameof(InviteRequest.Email), "Email");
        if (address.Length > 0 && !System.Net.Mail.MailAddress.TryCreate(address, out _)) v.Add(new Error("bad_email", $"'{address}' is not an email address.", nameof(InviteRequest.Email)));
        if (!v.IsValid) return Result<int>.Fail(v.Errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        var actorPerson = await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct);
        var access = await FamilyAccessQueries.AccessAsync(db, actorPerson, unitId, Today, ct);
        if (!access.CanManage) return Result<int>.Fail(new Error("not_manager", "Only the wallet's Manage holders can invite people to it.", "UnitId"));

        var normalized = address.ToUpperInvariant();
        var lower = address.ToLowerInvariant();
        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        Person? person = user?.PersonId is int linked ? await db.Persons.FirstOrDefaultAsync(p => p.Id == linked, ct) : null;
        person ??= await db.Persons.Where(p => p.Email == lower && p.AnonymisedAt == null).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (person is null)
        {
            var created = Person.Create(request.FirstName?.Trim() ?? "", request.LastName?.Trim() ?? "", IdentityDocumentType.Passport, null, address);
            if (created.IsFailure) return Result<int>.Fail(created.Errors);
            person = created.Value;
            db.Persons.Add(person);
            await db.SaveChangesAsync(ct);
        }
        if (person.Id == actorPerson) return Result<int>.Fail(new Error("self", "You already manage this wallet.", nameof(InviteRequest.Email)));
        if (await db.WalletAccessGrants.AnyAsync(g => g.UnitId == unitId && g.PersonId == person.Id && g.RevokedAt == null, ct))
            return Result<int>.Fail(new Error("already_granted", $"{address} already has access to this wallet: change their level instead.", nameof(InviteRequest.Email)));

        var grant = WalletAccessGrant.Create(unitId, person.Id, request.Level, request.CapPerTopUp, request.CapPerMonth, clock.GetUtcNow(), userId);
        if (grant.IsFailure) return Result<int>.Fail(grant.Errors);
        db.WalletAccessGrants.Add(grant.Value);

        var unit = await db.Units.AsNoTracking().Include(u => u.Estate).FirstAsync(u => u.Id == unitId, ct);
        var place = $"{unit.UnitNumber}, {unit.Estate.Name}";
        string? link = null;
        if (user is null)
        {
            var (_, token) = await invitations.CreateInAsync(db, person.Id, unitId, address, Roles.FamilyMember, ct);
            link = InvitationService.Link(linkBase, token);
        }
        else if (!await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id && r.Name == Roles.FamilyMember select ur).AnyAsync(ct))
        {
            var role = await db.Roles.FirstAsync(r => r.Name == Roles.FamilyMember, ct);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            if (user.PersonId is null) user.PersonId = person.Id;
        }
        await db.SaveChangesAsync(ct);

        var what = request.Level switch
        {
            WalletAccessLevel.View => "see the prepaid wallet (balances, history, usage)",
            WalletAccessLevel.TopUp => "see and top up the prepaid wallet" + Caps(request.CapPerTopUp, request.CapPerMonth),
            _ => "manage the prepaid wallet (top up, invite, set limits)",
        };
        try
        {
            await email.SendAsync(address, "Access to a shared Quantify wallet",
                $"Hello {person.FirstName},\n\nYou can now {what} of {place}." +
                (link is null ? "\n\nSign in to Quantify with your existing login and open Family." : $"\n\nOpen this link to choose a password and sign in:\n\n{link}\n\nThe link works once and expires in {InvitationService.Lifetime.TotalDays:0} days."), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning("Wallet access email to {Email} not sent: {Error}", address, ex.Message); }
        await NotifyAsync(person.Id, ct);
        return Result<int>.Ok(grant.Value.Id);
    }

    public async Task<Result> ChangeAsync(string userId, int grantId, WalletAccessLevel level, decimal? capPerTopUp, decimal? capPerMonth, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.WalletAccessGrants.FirstOrDefaultAsync(g => g.Id == grantId, ct);
        if (grant is null) return Result.Fail(new Error("not_found", $"Grant #{grantId} does not exist."));
        if (await ManagerCheckAsync(db, userId, grant, level, ct) is { } refused) return refused;
        var r = grant.Change(level, capPerTopUp, capPerMonth);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        await NotifyAsync(grant.PersonId, ct);
        return Result.Ok();
    }

    /// <summary>Revokes a grant: new top-ups and views stop at once (open screens too); a payment already started still lands.</summary>
    public async Task<Result> RevokeAsync(string userId, int grantId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var grant = await db.WalletAccessGrants.FirstOrDefaultAsync(g => g.Id == grantId, ct);
        if (grant is null) return Result.Fail(new Error("not_found", $"Grant #{grantId} does not exist."));
        if (await ManagerCheckAsync(db, userId, grant, null, ct) is { } refused) return refused;
        var r = grant.Revoke(clock.GetUtcNow(), userId);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        await NotifyAsync(grant.PersonId, ct);
        return Result.Ok();
    }

    private async Task<Result?> ManagerCheckAsync(QuantifyDbContext db, string userId, WalletAccessGrant grant, WalletAccessLevel? newLevel, CancellationToken ct)
    {
        var actorPerson = await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct);
        var access = await FamilyAccessQueries.AccessAsync(db, actorPerson, grant.UnitId, Today, ct);
        if (!access.CanManage) return Result.Fail(new Error("not_manager", "Only the wallet's Manage holders can change or revoke access.", "UnitId"));
        var others = await db.WalletAccessGrants.Where(g => g.UnitId == grant.UnitId && g.Id != grant.Id && g.RevokedAt == null).ToListAsync(ct);
        var check = ManageHolders.CheckRemoval(others.Append(grant), grant, newLevel, await FamilyAccessQueries.UnitHasHolderAsync(db, grant.UnitId, Today, ct));
        return check.IsFailure ? check : null;
    }

    private async Task NotifyAsync(int personId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        signal.Changed(await db.Users.AsNoTracking().Where(u => u.PersonId == personId).Select(u => u.Id).ToListAsync(ct));
    }

    private static string Caps(decimal? perTopUp, decimal? perMonth) =>
        (perTopUp, perMonth) switch
        {
            (null, null) => "",
            ({ } t, null) => $" (up to {Money.Format(t)} per top-up)",
            (null, { } m) => $" (up to {Money.Format(m)} a month)",
            ({ } t, { } m) => $" (up to {Money.Format(t)} per top-up and {Money.Format(m)} a month)",
        };
}
