using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;

namespace Quantify.Web.Identity;

/// <summary>On start-up, says exactly how to create the first administrator when no active one exists.</summary>
public static class FirstAdminCheck
{
    public const string Command = "dotnet run --project Quantify.Web -- users add --email you@example.com --role Admin";

    public static async Task<bool> WarnIfNoAdminAsync(IServiceProvider services, ILogger log, CancellationToken ct = default)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync(ct);
        var any = await (from u in db.Users join ur in db.UserRoles on u.Id equals ur.UserId join r in db.Roles on ur.RoleId equals r.Id
                         where r.Name == Roles.Admin && u.IsActive select u.Id).AnyAsync(ct);
        if (any) return false;
        log.LogWarning("No administrator login exists. Create the first one with: {Command} " +
                       "(add --base-url https://your-portal-address so the printed link points at this portal; it prints a one-time set-password link valid 72 hours).", Command);
        return true;
    }
}
