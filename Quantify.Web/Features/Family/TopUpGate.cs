using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Web.Data;
using Quantify.Web.Features.Payments;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Shared-wallet caps before payment: the unit's holder pays freely; a grant holder needs TopUp or Manage, and a TopUp
/// grant's caps per top-up and per calendar month (UTC) hold. The month counts the person's completed payments into this
/// wallet (single or as a group part) and those started within the last hour (a payment still at PayFast).
/// </summary>
public sealed class TopUpGate(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock) : ITopUpGate
{
    public static readonly TimeSpan PendingCounts = TimeSpan.FromHours(1);

    public async Task<Error?> CheckAsync(int unitId, decimal amount, string? userId, CancellationToken ct)
    {
        if (userId is null) return null; // the system itself (tests, jobs): no person, no cap
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.PersonId }).FirstOrDefaultAsync(ct);
        if (user is null) return new Error("no_access", "Unknown user.", "Amount");
        var now = clock.GetUtcNow();
        var access = await FamilyAccessQueries.AccessAsync(db, user.PersonId, unitId, DateOnly.FromDateTime(now.UtcDateTime), ct);
        if (access.HoldsUnit) return null;
        var paid = await PaidThisMonthAsync(db, userId, unitId, now, ct);
        var check = TopUpCap.Check(access.Grant, false, amount, paid);
        return check.IsFailure ? check.Errors[0] : null;
    }

    public static async Task<decimal> PaidThisMonthAsync(QuantifyDbContext db, string userId, int unitId, DateTimeOffset now, CancellationToken ct)
    {
        var monthStart = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var recent = now - PendingCounts;
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CreatedById == userId && p.CreatedAt >= monthStart
                        && (p.Status == PaymentStatus.Completed || (p.Status == PaymentStatus.Pending && p.CreatedAt >= recent)))
            .Select(p => new { p.UnitId, p.Amount, p.WalletGroupId, p.GroupAllocation }).ToListAsync(ct);
        return payments.Sum(p => p.WalletGroupId is null ? (p.UnitId == unitId ? p.Amount : 0m) : GroupPart(p.GroupAllocation, unitId));
    }

    public static decimal GroupPart(string? allocation, int unitId) =>
        ParseGroupAllocation(allocation).Where(x => x.UnitId == unitId).Sum(x => x.Amount);

    public static string FormatGroupAllocation(IEnumerable<(int UnitId, decimal Amount)> parts) =>
        string.Join(';', parts.Select(p => $"{p.UnitId}={p.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}"));

    public static IReadOnlyList<(int UnitId, decimal Amount)> ParseGroupAllocation(string? allocation) =>
        (allocation ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .Select(p => (int.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
}
