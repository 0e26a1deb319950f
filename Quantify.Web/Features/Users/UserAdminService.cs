using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.Users;

public sealed record UserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Estates, bool IsActive,
    DateTimeOffset? LastLoginAt, bool LockedOut);

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
            estates.Where(e => e.UserId == u.Id).Select(e => $"{e.Name} ({e.Role})").ToList(), u.IsActive, u.LastLoginAt, u.LockoutEnd is { } end && end > now)).ToList();
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
        // Existing cookies stop working at their next validation (the security stamp changes).
        await users.UpdateSecurityStampAsync(user);
        return Result.Ok();
    }

    public async Task<Result> UnlockAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByIdAsync(userId);
        if (user is null) return Result.Fail(new Error("not_found", "No such user."));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return Result.Ok();
    }
}
