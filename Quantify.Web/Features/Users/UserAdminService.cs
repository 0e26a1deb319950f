using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Users;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Estates, bool IsActive,
    DateTimeOffset? LastLoginAt, bool LockedOut, bool TwoFactorEnabled = false);

/// <summary>Portal logins for admins: who has which role and estates, deactivate/reactivate (never delete), unlock.</summary>
public sealed class UserAdminService(IDbContextFactory<QuantifyDbContext> factory, IServiceScopeFactory scopes, TimeProvider clock)
{
    public async Task<IReadOnlyList<UserRow>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search)) q = q.Where(u => u.Email!.Contains(search) || u.DisplayName.Contains(search));
        var users = await q.OrderBy(u => u.Email).Take(500).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var estates = await (from a in db.EstateAssignments join e in db.Estates on a.EstateId equals e.Id where ids.Contains(a.UserId) select new { a.UserId, e.Name, a.Role }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new UserRow(u.Id, u.Email ?? "", u.DisplayName, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList(),
            estates.Where(e => e.UserId == u.Id).Select(e => $"{e.Name} ({Quantify.Web.Components.Shared.Display.Of(e.Role)})").ToList(), u.IsActive, u.LastLoginAt, u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled)).ToList();
    }

    public async Task<Result> SetActiveAsync(string userId, bool active, string actingUserId, CancellationToken ct = default)
    {
        if (userId == actingUserId && !active) return Result.Fail(new Error("self", "You cannot deactivate your own login."));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        user.IsActive = active;
        user.DeactivatedAt = active ? null : clock.GetUtcNow();
        await users.UpdateAsync(user);
        await AuditAsync(userId, active ? "Reactivate" : "Deactivate", new { user.Email }, actingUserId, ct);
        // Existing cookies stop working at their next validation (the security stamp changes).
        await users.UpdateSecurityStampAsync(user);
        return Result.Ok();
    }

    private async Task AuditAsync(string userId, string action, object changes, string? actingUserId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        AccountAudit.Add(db, actingUserId, clock.GetUtcNow(), AccountAudit.LoginEntity, userId, action, changes);
        await db.SaveChangesAsync(ct);
    }

    public async Task<Result> UnlockAsync(string userId, CancellationToken ct = default, string? actingUserId = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await AuditAsync(userId, "Unlock", new { user.Email }, actingUserId, ct);
        return Result.Ok();
    }

    /// <summary>
    /// Resets another user's two-factor sign-in (a lost phone): the authenticator key and recovery codes are replaced and
    /// two-factor is switched off, and their next sign-in must enrol a new authenticator (whatever the role, through
    /// <see cref="TwoFactorRules.ResetClaim"/>); open sessions and remembered browsers end at the next check (the security stamp changes). Audited.
    /// </summary>
    public async Task<Result> ResetTwoFactorAsync(string userId, string actingUserId, CancellationToken ct = default)
    {
        if (userId == actingUserId) return Result.Fail(new Error("self", "Reset your own two-factor sign-in under My account → Two-factor, not here."));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        var wasEnabled = await users.GetTwoFactorEnabledAsync(user);
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user); // also changes the security stamp
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        if (!(await users.GetClaimsAsync(user)).Any(c => c.Type == TwoFactorRules.ResetClaim))
            await users.AddClaimAsync(user, new System.Security.Claims.Claim(TwoFactorRules.ResetClaim, "1")); // enrolment required at next sign-in, any role
        await AuditAsync(userId, "ResetTwoFactor", new { user.Email, WasEnabled = wasEnabled }, actingUserId, ct);
        return Result.Ok();
    }

    /// <summary>
    /// Sets a login's roles and the estates its estate-scoped roles (trustee, agent, utility) cover. Admins only (the
    /// page is); an admin cannot take the Admin role from themselves. Open sessions pick the change up at their next check.
    /// </summary>
    public async Task<Result> SetAccessAsync(string userId, IReadOnlyCollection<string> roles, IReadOnlyCollection<int> estateIds, string actingUserId, CancellationToken ct = default)
    {
        if (roles.Any(r => !Roles.All.Contains(r))) return Result.Fail(new Error("unknown_role", "Unknown role.", "Roles"));
        if (userId == actingUserId && !roles.Contains(Roles.Admin))
            return Result.Fail(new Error("self", "You cannot remove your own administrator role.", "Roles"));
        var estateRoles = roles.Where(Roles.EstateScoped.Contains).ToList();
        if (estateRoles.Count > 0 && estateIds.Count == 0)
            return Result.Fail(new Error("estates_required", $"Choose the estates for {string.Join(", ", estateRoles)}.", "EstateIds"));
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<QuantifyDbContext>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        var known = await db.Estates.Where(e => estateIds.Contains(e.Id)).Select(e => e.Id).ToListAsync(ct);
        if (known.Count != estateIds.Distinct().Count()) return Result.Fail(new Error("unknown_estate", "An estate does not exist.", "EstateIds"));
        var oldRoles = await users.GetRolesAsync(user);
        var oldAssignments = await db.EstateAssignments.Where(a => a.UserId == userId).ToListAsync(ct);
        var removed = oldRoles.Except(roles).ToList();
        var added = roles.Except(oldRoles).ToList();
        if (removed.Count > 0) await users.RemoveFromRolesAsync(user, removed);
        if (added.Count > 0) await users.AddToRolesAsync(user, added);
        var wanted = estateRoles.SelectMany(r => estateIds.Distinct().Select(e => (Role: r, EstateId: e))).ToHashSet();
        db.EstateAssignments.RemoveRange(oldAssignments.Where(a => !wanted.Contains((a.Role, a.EstateId))));
        var now = clock.GetUtcNow();
        foreach (var (role, estateId) in wanted.Where(w => !oldAssignments.Any(a => a.Role == w.Role && a.EstateId == w.EstateId)))
            db.EstateAssignments.Add(new EstateAssignment { UserId = userId, EstateId = estateId, Role = role, AssignedAt = now });
        AccountAudit.Add(db, actingUserId, now, AccountAudit.LoginEntity, userId, "SetAccess", new
        {
            user.Email,
            Old = new { Roles = oldRoles.Order(), Estates = oldAssignments.Select(a => $"{a.Role}:{a.EstateId}").Order() },
            New = new { Roles = roles.Order(), Estates = wanted.Select(w => $"{w.Role}:{w.EstateId}").Order() },
        });
        await db.SaveChangesAsync(ct);
        await users.UpdateSecurityStampAsync(user);
        return Result.Ok();
    }

    /// <summary>The estate ids a login's estate-scoped roles cover (for the edit form).</summary>
    public async Task<IReadOnlyList<int>> EstatesOfAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.EstateAssignments.Where(a => a.UserId == userId).Select(a => a.EstateId).Distinct().ToListAsync(ct);
    }
}
