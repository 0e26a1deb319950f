using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Users;

/// <summary>
/// Invitations to a login in any role with the estates or units it covers (seed 004 §1.8). Admins invite anyone; a
/// managing agent invites owners, trustees and tenants for the estates it manages and nobody else. An email that
/// already has a login is extended (role and scope at once), never duplicated. Accepting sets the password and applies
/// the role and scope in one transaction. Every change is audited; tokens are random and only their SHA-256 is stored.
/// </summary>
public sealed class AccessInvitationService(IDbContextFactory<QuantifyDbContext> factory, IServiceScopeFactory scopes, IEmailSender email,
    TimeProvider clock, ILogger<AccessInvitationService> log)
{
    /// <summary>How long an invitation or set-password link works.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);
    public const string AcceptPath = "/account/invitation";

    /// <summary>Roles a managing agent may invite, always inside the estates it manages.</summary>
    public static readonly string[] AgentMayInvite = [Roles.Owner, Roles.Trustee, Roles.Tenant];

    private static readonly string[] UnitScoped = [Roles.Owner, Roles.Tenant, Roles.FamilyMember];

    /// <summary>The console operator (the <c>users add</c> verb): acts as an administrator.</summary>
    public static readonly UserScope Console = new("", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    public static string Link(string linkBase, string token) => $"{linkBase.TrimEnd('/')}{AcceptPath}?token={Uri.EscapeDataString(token)}";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The roles <paramref name="inviter"/> may hand out.</summary>
    public static IReadOnlyList<string> RolesInvitableBy(UserScope inviter) =>
        inviter.IsAdmin ? Roles.All : inviter.IsInRole(Roles.ManagingAgent) ? AgentMayInvite : [];

    /// <summary>
    /// Invites <paramref name="request"/>'s email. A new email gets a pending invitation (the login is created when it is
    /// accepted); an email with a login is extended now and also gets a pending link only when <paramref name="issueLinkForExisting"/>
    /// (the console verb: a way back in for a locked-out administrator).
    /// </summary>
    public async Task<Result<InviteOutcome>> InviteAsync(UserScope inviter, InviteRequest request, string linkBase, bool issueLinkForExisting = false,
        CancellationToken ct = default)
    {
        var emailAddress = (request.Email ?? "").Trim().ToLowerInvariant();
        var checks = await CheckAsync(inviter, request with { Email = emailAddress }, ct);
        if (checks.IsFailure) return Result<InviteOutcome>.Fail(checks.Errors);
        var name = string.IsNullOrWhiteSpace(request.DisplayName) ? emailAddress.Split('@')[0] : request.DisplayName.Trim();

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var existing = await users.FindByEmailAsync(emailAddress);
        // A newer invitation to the same email and role replaces a pending one.
        foreach (var old in await db.AccessInvitations.Where(i => i.Email == emailAddress && i.Role == request.Role && i.Status == InvitationStatus.Pending).ToListAsync(ct))
        {
            old.Revoke();
            AccountAudit.Add(db, inviter.UserId, now, AccountAudit.InvitationEntity, AccountAudit.Id(old.Id), "Revoke", new { Reason = "Replaced by a newer invitation" });
        }
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var invitation = new AccessInvitation(emailAddress, name, request.Role, request.EstateIds, request.UnitIds, Hash(token), now, Lifetime,
            string.IsNullOrEmpty(inviter.UserId) ? null : inviter.UserId);
        db.AccessInvitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        AccountAudit.Add(db, inviter.UserId, now, AccountAudit.InvitationEntity, AccountAudit.Id(invitation.Id), "Invite",
            new { invitation.Email, invitation.Role, Estates = invitation.EstateIds, Units = invitation.UnitIds, ExistingLogin = existing is not null });
        if (existing is not null)
        {
            var granted = await GrantAsync(db, users, existing, invitation, inviter.UserId, ct);
            if (granted.IsFailure) return Result<InviteOutcome>.Fail(granted.Errors);
            if (!issueLinkForExisting) invitation.Accept(existing.Id, now);
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var link = Link(linkBase, token);
        var emailed = await SendAsync(emailAddress, name, request.Role, existing is not null && !issueLinkForExisting ? null : link, linkBase, ct);
        return Result<InviteOutcome>.Ok(new InviteOutcome(invitation.Id, link, existing is not null, emailed));
    }

    /// <summary>What the accept page shows for <paramref name="token"/>; null when no invitation has it.</summary>
    public async Task<InvitationPreview?> PreviewAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.AccessInvitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null) return null;
        var hasLogin = await db.Users.AnyAsync(u => u.NormalizedEmail == invitation.Email.ToUpperInvariant(), ct);
        return new InvitationPreview(invitation.Email, invitation.DisplayName, invitation.Role, await CoversAsync(db, invitation, ct), hasLogin,
            invitation.Problem(clock.GetUtcNow()));
    }

    /// <summary>Sets the password and creates (or extends and reactivates) the login with the invitation's role and scope.</summary>
    public async Task<Result<AcceptedInvitation>> AcceptAsync(string? token, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token))
            return Result<AcceptedInvitation>.Fail(new Error("no_token", "The link is incomplete: open the link from the email again."));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var hash = Hash(token);
        var invitation = await db.AccessInvitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null)
            return Result<AcceptedInvitation>.Fail(new Error("unknown_token", "This link is not valid. Ask whoever invited you to send the invitation again."));
        var now = clock.GetUtcNow();
        if (invitation.Problem(now) is { } problem) return Result<AcceptedInvitation>.Fail(new Error("invitation_unusable", problem));

        var user = await users.FindByEmailAsync(invitation.Email);
        IdentityResult outcome;
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = invitation.DisplayName, CreatedAt = now,
            };
            outcome = await users.CreateAsync(user, password);
        }
        else
        {
            foreach (var v in users.PasswordValidators)
            {
                var check = await v.ValidateAsync(users, user, password);
                if (!check.Succeeded) return Fail(check);
            }
            user.IsActive = true;
            user.DeactivatedAt = null;
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
            if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
            outcome = await users.AddPasswordAsync(user, password);
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }
        if (!outcome.Succeeded) return Fail(outcome);
        var granted = await GrantAsync(db, users, user, invitation, user.Id, ct);
        if (granted.IsFailure) return Result<AcceptedInvitation>.Fail(granted.Errors);
        invitation.Accept(user.Id, now);
        AccountAudit.Add(db, user.Id, now, AccountAudit.InvitationEntity, AccountAudit.Id(invitation.Id), "Accept", new { LoginId = user.Id, invitation.Role });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return Result<AcceptedInvitation>.Ok(new AcceptedInvitation(user.Id, Roles.AreaOf(invitation.Role)));
    }

    /// <summary>Pending invitations the caller may see: all for an admin, those inside its estates for an agent.</summary>
    public async Task<IReadOnlyList<PendingInvitationRow>> PendingAsync(UserScope viewer, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.AccessInvitations.AsNoTracking().Where(i => i.Status == InvitationStatus.Pending).OrderByDescending(i => i.CreatedAt).Take(500).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var list = new List<PendingInvitationRow>();
        foreach (var i in rows)
        {
            if (!await MayManageAsync(db, viewer, i, ct)) continue;
            list.Add(new PendingInvitationRow(i.Id, i.Email, i.DisplayName, i.Role, await CoversAsync(db, i, ct), i.CreatedAt, i.ExpiresAt, i.ExpiresAt <= now, i.SendCount));
        }
        return list;
    }

    public async Task<Result> RevokeAsync(UserScope actor, int invitationId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.AccessInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null || !await MayManageAsync(db, actor, invitation, ct)) return Result.Fail(new Error("not_found", "No such invitation."));
        if (invitation.Status != InvitationStatus.Pending) return Result.Fail(new Error("not_pending", $"This invitation is already {invitation.Status.ToString().ToLowerInvariant()}."));
        invitation.Revoke();
        AccountAudit.Add(db, actor.UserId, clock.GetUtcNow(), AccountAudit.InvitationEntity, AccountAudit.Id(invitation.Id), "Revoke", new { invitation.Email, invitation.Role });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>A new link (the old one stops working) with a fresh lifetime, emailed again.</summary>
    public async Task<Result<InviteOutcome>> ResendAsync(UserScope actor, int invitationId, string linkBase, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var invitation = await db.AccessInvitations.FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null || !await MayManageAsync(db, actor, invitation, ct)) return Result<InviteOutcome>.Fail(new Error("not_found", "No such invitation."));
        if (invitation.Status != InvitationStatus.Pending)
            return Result<InviteOutcome>.Fail(new Error("not_pending", $"This invitation is {invitation.Status.ToString().ToLowerInvariant()}: invite the person again instead."));
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        invitation.Reissue(Hash(token), now, Lifetime);
        AccountAudit.Add(db, actor.UserId, now, AccountAudit.InvitationEntity, AccountAudit.Id(invitation.Id), "Resend", new { invitation.Email, invitation.ExpiresAt });
        await db.SaveChangesAsync(ct);
        var link = Link(linkBase, token);
        var emailed = await SendAsync(invitation.Email, invitation.DisplayName, invitation.Role, link, linkBase, ct);
        return Result<InviteOutcome>.Ok(new InviteOutcome(invitation.Id, link, false, emailed));
    }

    /// <summary>The estates <paramref name="inviter"/> may invite people for (every estate for an admin).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> EstateChoicesAsync(UserScope inviter, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var managed = inviter.ManagedEstates?.ToList();
        var rows = await db.Estates.AsNoTracking().Where(e => managed == null || managed.Contains(e.Id)).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The units of one estate, for a unit-scoped invitation (none outside the inviter's estates).</summary>
    public async Task<IReadOnlyList<(int Id, string Number)>> UnitChoicesAsync(UserScope inviter, int estateId, CancellationToken ct = default)
    {
        if (!inviter.Manages(estateId)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Units.AsNoTracking().Where(u => u.EstateId == estateId).OrderBy(u => u.UnitNumber).Select(u => new { u.Id, u.UnitNumber }).Take(2000).ToListAsync(ct);
        return rows.Select(r => (r.Id, r.UnitNumber)).ToList();
    }

    /// <summary>The rules an invitation must pass: who may invite whom, and the scope each role needs.</summary>
    private async Task<Result> CheckAsync(UserScope inviter, InviteRequest r, CancellationToken ct)
    {
        var errors = new List<Error>();
        if (string.IsNullOrWhiteSpace(r.Email) || r.Email.Length > 120 || r.Email.Count(c => c == '@') != 1 || r.Email.Contains(' ', StringComparison.Ordinal)
            || r.Email.StartsWith('@') || r.Email.EndsWith('@'))
            errors.Add(new Error("invalid_email", "Enter a valid email address.", "Email"));
        if ((r.DisplayName?.Length ?? 0) > 120) errors.Add(new Error("too_long", "The name is longer than 120 characters.", "DisplayName"));
        if (!Roles.All.Contains(r.Role)) return Result.Fail([.. errors, new Error("unknown_role", $"Role '{r.Role}' does not exist.", "Role")]);
        if (!RolesInvitableBy(inviter).Contains(r.Role))
            return Result.Fail(new Error("forbidden_role", inviter.IsInRole(Roles.ManagingAgent)
                ? $"A managing agent may invite owners, trustees and tenants only, not a {r.Role}." : "Your role may not invite anyone.", "Role"));
        var estateIds = r.EstateIds ?? [];
        var unitIds = r.UnitIds ?? [];
        if (r.Role == Roles.Admin && (estateIds.Count > 0 || unitIds.Count > 0))
            errors.Add(new Error("no_scope", "An administrator sees every estate: leave estates and units empty.", "EstateIds"));
        if (Roles.EstateScoped.Contains(r.Role))
        {
            if (estateIds.Count == 0) errors.Add(new Error("estates_required", $"Choose the estates this {r.Role} covers.", "EstateIds"));
            if (unitIds.Count > 0) errors.Add(new Error("no_units", $"A {r.Role} covers whole estates, not units.", "UnitIds"));
        }
        if (UnitScoped.Contains(r.Role))
        {
            if (unitIds.Count == 0) errors.Add(new Error("units_required", $"Choose the units this {r.Role} covers.", "UnitIds"));
            if (estateIds.Count > 0) errors.Add(new Error("no_estates", $"A {r.Role} covers units, not whole estates.", "EstateIds"));
        }
        if (errors.Count > 0) return Result.Fail(errors);

        await using var db = await factory.CreateDbContextAsync(ct);
        var estates = await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        foreach (var missing in estateIds.Except(estates)) errors.Add(new Error("unknown_estate", $"Estate {missing} does not exist.", "EstateIds"));
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.EstateId, u.UnitNumber }).ToListAsync(ct);
        foreach (var missing in unitIds.Except(units.Select(u => u.Id))) errors.Add(new Error("unknown_unit", $"Unit {missing} does not exist.", "UnitIds"));
        if (errors.Count > 0) return Result.Fail(errors);
        // An agent only inside the estates it manages (the unit's estate for unit roles).
        foreach (var estate in estateIds.Concat(units.Select(u => u.EstateId)).Distinct().Where(e => !inviter.Manages(e)))
            errors.Add(new Error("outside_scope", $"Estate {estate} is not one you manage: you may invite people only for your own estates.", unitIds.Count > 0 ? "UnitIds" : "EstateIds"));
        if (errors.Count > 0) return Result.Fail(errors);

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        foreach (var u in units)
        {
            if (r.Role == Roles.Owner)
            {
                var owner = await db.Ownerships.AsNoTracking().Where(o => o.UnitId == u.Id && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today))
                    .Select(o => new { o.Person.Email, Name = o.Person.FirstName + " " + o.Person.LastName }).FirstOrDefaultAsync(ct);
                if (owner is not null && !string.Equals(owner.Email, r.Email, StringComparison.OrdinalIgnoreCase))
                    errors.Add(new Error("owned_by_other", $"Unit {u.UnitNumber} is owned by {owner.Name} on record: record the transfer on the unit first, or invite the owner's own email.", "UnitIds"));
            }
            else if (r.Role == Roles.Tenant)
            {
                var tenant = await db.Tenancies.AsNoTracking().AnyAsync(t => t.UnitId == u.Id && t.Role == TenancyRole.Tenant && t.StartDate <= today
                    && (t.EndDate == null || t.EndDate >= today) && t.Person.Email == r.Email, ct);
                if (!tenant)
                    errors.Add(new Error("not_tenant", $"{r.Email} is not the current tenant of unit {u.UnitNumber}: move the tenant in with the onboarding wizard on the unit's page (it sends the invitation).", "UnitIds"));
            }
        }
        return errors.Count > 0 ? Result.Fail(errors) : Result.Ok();
    }

    /// <summary>Adds the invitation's role and scope to <paramref name="user"/> (idempotent), in the caller's transaction.</summary>
    private async Task<Result> GrantAsync(QuantifyDbContext db, UserManager<ApplicationUser> users, ApplicationUser user, AccessInvitation invitation, string? actorId,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var added = new List<string>();
        if (!await users.IsInRoleAsync(user, invitation.Role))
        {
            var r = await users.AddToRoleAsync(user, invitation.Role);
            if (!r.Succeeded) return Fail(r);
            added.Add("role " + invitation.Role);
        }
        foreach (var estateId in invitation.EstateIds)
        {
            if (await db.EstateAssignments.AnyAsync(a => a.UserId == user.Id && a.EstateId == estateId && a.Role == invitation.Role, ct)) continue;
            db.EstateAssignments.Add(new EstateAssignment { UserId = user.Id, EstateId = estateId, Role = invitation.Role, AssignedAt = now });
            added.Add($"estate {estateId}");
        }
        if (invitation.UnitIds.Count > 0)
        {
            var person = await PersonOfAsync(db, user, invitation, ct);
            if (person.IsFailure) return person;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            foreach (var unitId in invitation.UnitIds)
            {
                if (invitation.Role == Roles.Owner
                    && !await db.Ownerships.AnyAsync(o => o.UnitId == unitId && o.StartDate <= today && (o.EndDate == null || o.EndDate >= today), ct))
                {
                    db.Ownerships.Add(Ownership.Create(unitId, person.Value.Id, today).Value);
                    added.Add($"owner of unit {unitId}");
                }
                else if (invitation.Role == Roles.FamilyMember
                    && !await db.WalletAccessGrants.AnyAsync(g => g.UnitId == unitId && g.PersonId == person.Value.Id && g.RevokedAt == null, ct))
                {
                    // A wallet access grant, not an occupancy (seed 004 §4.2): View, which the wallet's Manage holder may raise.
                    db.WalletAccessGrants.Add(Domain.Family.WalletAccessGrant.Create(unitId, person.Value.Id, Domain.Family.WalletAccessLevel.View, null, null, now, actorId).Value);
                    added.Add($"view access to the wallet of unit {unitId}");
                }
            }
        }
        await db.SaveChangesAsync(ct);
        if (added.Count > 0)
        {
            AccountAudit.Add(db, actorId, now, AccountAudit.LoginEntity, user.Id, "Grant", new { user.Email, Added = added, Invitation = invitation.Id });
            // Open sessions pick up the new role at their next check.
            await users.UpdateSecurityStampAsync(user);
        }
        return Result.Ok();
    }

    /// <summary>The person behind a unit-scoped login: the login's own, else the person record with that email, else a new one.</summary>
    private static async Task<Result<Person>> PersonOfAsync(QuantifyDbContext db, ApplicationUser user, AccessInvitation invitation, CancellationToken ct)
    {
        if (user.PersonId is int id) return Result<Person>.Ok(await db.Persons.FirstAsync(p => p.Id == id, ct));
        var byEmail = await db.Persons.Where(p => p.Email == invitation.Email && p.AnonymisedAt == null).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (byEmail is null)
        {
            var parts = invitation.DisplayName.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var created = Person.Create(parts.ElementAtOrDefault(0) ?? invitation.Email, parts.ElementAtOrDefault(1) ?? "-", IdentityDocumentType.SaId, null, invitation.Email);
            if (created.IsFailure) return created;
            db.Persons.Add(created.Value);
            await db.SaveChangesAsync(ct);
            byEmail = created.Value;
        }
        user.PersonId = byEmail.Id;
        return Result<Person>.Ok(byEmail);
    }

    private static async Task<bool> MayManageAsync(QuantifyDbContext db, UserScope actor, AccessInvitation invitation, CancellationToken ct)
    {
        if (actor.IsAdmin) return true;
        if (!RolesInvitableBy(actor).Contains(invitation.Role)) return false;
        var unitIds = invitation.UnitIds.ToList();
        var estates = invitation.EstateIds.Concat(await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => u.EstateId).ToListAsync(ct)).ToList();
        return estates.Count > 0 && estates.All(actor.Manages);
    }

    private static async Task<IReadOnlyList<string>> CoversAsync(QuantifyDbContext db, AccessInvitation invitation, CancellationToken ct)
    {
        var estateIds = invitation.EstateIds.ToList();
        var unitIds = invitation.UnitIds.ToList();
        var estates = await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).Select(e => e.Name).ToListAsync(ct);
        var units = await (from u in db.Units.AsNoTracking() join e in db.Estates on u.EstateId equals e.Id where unitIds.Contains(u.Id)
                           select u.UnitNumber + ", " + e.Name).ToListAsync(ct);
        return [.. estates, .. units];
    }

    private async Task<bool> SendAsync(string to, string name, string role, string? link, string linkBase, CancellationToken ct)
    {
        var body = link is null
            ? $"Hello {name},\n\nYour Quantify login now also has the {role} role. Sign in as usual at {linkBase.TrimEnd('/')}/login."
            : $"Hello {name},\n\nYou have been invited to Quantify as {role}. Open this link to choose a password and sign in:\n\n{link}\n\n" +
              $"The link works once and expires in {Lifetime.TotalHours:0} hours.";
        try
        {
            await email.SendAsync(to, "Your Quantify login", body, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Invitation email to {Email} not sent: {Error}", to, ex.Message);
            return false;
        }
    }

    private static Result<AcceptedInvitation> Fail(IdentityResult r) =>
        Result<AcceptedInvitation>.Fail(r.Errors.Select(e => new Error(e.Code, e.Description, e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : null)));
}
