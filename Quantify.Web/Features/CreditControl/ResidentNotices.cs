using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Support;
using Quantify.Web.Data;

namespace Quantify.Web.Features.CreditControl;

/// <summary>A resident's own notifications (low balance, disconnection, reconnection, arrears): newest first; marking read.</summary>
public sealed class ResidentNotices(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public async Task<IReadOnlyList<Notification>> ForUserAsync(string userId, int take = 10, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(take).ToListAsync(ct);
    }

    /// <summary>Marks the user's own notifications read (another user's are never touched).</summary>
    public async Task MarkAllReadAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        foreach (var n in await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null).ToListAsync(ct)) n.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
    }
}
