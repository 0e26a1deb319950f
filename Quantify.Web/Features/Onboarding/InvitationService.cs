using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Onboarding;

/// <summary>What the accept-invitation page shows before the person chooses a password.</summary>
public sealed record InvitationView(string Email, string PersonName, string? UnitNumber, string? EstateName, string? Problem, string Role = Roles.Tenant);

/// <summary>
/// Portal logins by invitation: a random token (only its SHA-256 is stored) mailed as a link; the person opens it, sets a
/// password and signs in with the invitation's role. Scope then follows their tenancies (<see cref="Security.ScopeService"/>).
/// </summary>
public sealed class InvitationService(IDbContextFactory<QuantifyDbContext> factory, IServiceScopeFactory scopes, IEmailSender email, ISmsSender sms,
    TimeProvider clock, ILogger<InvitationService> log)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const string AcceptPath = "/account/accept-invitation";

    /// <summary>Adds a pending invitation to the caller's unit of work (earlier pending ones for the person are revoked). Returns the invitation and its token.</summary>
    public async Task<(Invitation Invitation, string Token)> CreateInAsync(QuantifyDbContext db, int personId, int? unitId, string emailAddress, string role, CancellationToken ct)
    {
        foreach (var old in await db.Invitations.Where(i => i.PersonId == personId && i.Status == InvitationStatus.Pending).ToListAsync(ct)) old.Revoke();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow();
        var invitation = new Invitation(personId, unitId, emailAddress, role, Hash(token), now, now + Lifetime, Data.Interceptors.UserContext.Actor?.UserId);
        db.Invitations.Add(invitation);
        return (invitation, token);
    }

    public static string Link(string linkBase, string token) => $"{linkBase.TrimEnd('/')}{AcceptPath}?token={Uri.EscapeDataString(token)}";

    /// <summary>Sends the link by email (and SMS when a phone is known). False if the email could not be sent (the invitation stays valid; send again later).</summary>
    public async Task<bool> SendAsync(string to, string? phone, string name, string place, string link, CancellationToken ct)
    {
        try
        {
            await email.SendAsync(to, "Your Quantify login",
                $"Hello {name},\n\nYou have been added as the tenant of {place}. Open this link to choose a password and sign in to see your " +
                $"prepaid balances, meters and usage:\n\n{link}\n\nThe link works once and expires in {Lifetime.TotalDays:0} days.", ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning("Invitation email to {Email} not sent: {Error}", to, ex.Message);
            return false;
        }
        if (!string.IsNullOrWhiteSpace(phone))
        {
            try { await sms.SendAsync(phone, $"Quantify: you are the tenant of {place}. Check {to} for your login link.", ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogWarning("Invitation SMS to {Phone} not sent: {Error}", phone, ex.Message); }
        }
        return true;
    }

    public async Task<InvitationView?> FindAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var row = await (from i in db.Invitations.AsNoTracking()
                         join p in db.Persons on i.PersonId equals p.Id
                         where i.TokenHash == hash
                         select new { i, Name = p.FirstName + " " + p.LastName }).FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var unit = row.i.UnitId is int u
            ? await (from x in db.Units.AsNoTracking() join e in db.Estates on x.EstateId equals e.Id where x.Id == u select new { x.UnitNumber, e.Name }).FirstOrDefaultAsync(ct)
            : null;
        return new InvitationView(row.i.Email, row.Name, unit?.UnitNumber, unit?.Name, Problem(row.i), row.i.Role);
    }

    /// <summary>Sets the password and creates (or reactivates) the person's login with the invitation's role. Returns the user id.</summary>
    public async Task<Result<string>> AcceptAsync(string? token, string password, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token)) return Result<string>.Fail(new Error("no_token", "The invitation link is incomplete: open the link from the email again."));
        await using var db = await factory.CreateDbContextAsync(ct);
        var hash = Hash(token);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null) return Result<string>.Fail(new Error("unknown_token", "This invitation link is not valid: ask your managing agent for a new one."));
        if (Problem(invitation) is { } problem) return Result<string>.Fail(new Error("invitation_unusable", problem));
        var person = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == invitation.PersonId, ct);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var byPerson = await users.Users.FirstOrDefaultAsync(u => u.PersonId == invitation.PersonId, ct);
        var byEmail = await users.FindByEmailAsync(invitation.Email);
        if (byEmail is not null && byEmail.PersonId != invitation.PersonId)
            return Result<string>.Fail(new Error("email_taken", $"{invitation.Email} already signs in as someone else: ask your managing agent to use another email address.", "Email"));
        var user = byPerson ?? byEmail;
        IdentityResult outcome;
        if (user is null)
        {
            user = new ApplicationUser
            {
                UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = person.FullName, PersonId = person.Id,
                PhoneNumber = person.Phone, CreatedAt = clock.GetUtcNow(),
            };
            outcome = await users.CreateAsync(user, password);
        }
        else
        {
            // A returning resident: their old login comes back with the new password.
            var check = await ValidatePasswordAsync(users, user, password);
            if (!check.Succeeded) return Fail(check);
            user.IsActive = true;
            user.DeactivatedAt = null;
            await users.UpdateAsync(user);
            if (await users.HasPasswordAsync(user)) await users.RemovePasswordAsync(user);
            outcome = await users.AddPasswordAsync(user, password);
            await users.SetLockoutEndDateAsync(user, null);
        }
        if (!outcome.Succeeded) return Fail(outcome);
        if (!await users.IsInRoleAsync(user, invitation.Role)) await users.AddToRoleAsync(user, invitation.Role);
        invitation.Accept(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Result<string>.Ok(user.Id);
    }

    private static async Task<IdentityResult> ValidatePasswordAsync(UserManager<ApplicationUser> users, ApplicationUser user, string password)
    {
        foreach (var v in users.PasswordValidators)
        {
            var r = await v.ValidateAsync(users, user, password);
            if (!r.Succeeded) return r;
        }
        return IdentityResult.Success;
    }

    private static Result<string> Fail(IdentityResult r) =>
        Result<string>.Fail(r.Errors.Select(e => new Error(e.Code, e.Description, e.Code.StartsWith("Password", StringComparison.Ordinal) ? "Password" : null)));

    private string? Problem(Invitation i) => i.Status switch
    {
        InvitationStatus.Accepted => "This invitation was already used: sign in with the password you chose.",
        InvitationStatus.Revoked => "This invitation was withdrawn (a newer one may have been sent): use the latest email, or ask your managing agent.",
        _ when i.Status == InvitationStatus.Expired || i.ExpiresAt <= clock.GetUtcNow() => "This invitation has expired: ask your managing agent for a new one.",
        _ => null,
    };

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
