using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Master wallets (seed 004 §4.1, §4.4): a payer groups the unit wallets they may top up, sees them on one page, and
/// funds them with one PayFast payment split by the group's rule (<see cref="TopUpSplit"/>), each part posted to its
/// wallet through the ledger when PayFast confirms it.
/// </summary>
public sealed class WalletGroupService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, PayFastService payfast, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<Result<int>> CreateAsync(string userId, string name, SplitRule rule, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct) is not int person)
            return Result<int>.Fail(new Error("no_person", "Your login is not linked to a person, so you cannot pay for units.", "UserId"));
        var group = WalletGroup.Create(person, name, rule);
        if (group.IsFailure) return Result<int>.Fail(group.Errors);
        db.WalletGroups.Add(group.Value);
        await db.SaveChangesAsync(ct);
        return Result<int>.Ok(group.Value.Id);
    }

    /// <summary>Adds a unit wallet the payer may top up (holder, or a TopUp/Manage grant); refused with the reason otherwise.</summary>
    public async Task<Result> AddMemberAsync(string userId, int groupId, int unitId, decimal? fixedAmount = null, decimal? targetBalance = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (group, person) = await OwnGroupAsync(db, userId, groupId, ct);
        if (group is null) return Result.Fail(new Error("not_found", $"Wallet group #{groupId} does not exist or is not yours.", "GroupId"));
        var access = await FamilyAccessQueries.AccessAsync(db, person, unitId, Today, ct);
        var r = group.AddMember(unitId, access.CanTopUp, fixedAmount, targetBalance);
        if (r.IsFailure) return r;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    public async Task<Result> RemoveMemberAsync(string userId, int groupId, int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (group, _) = await OwnGroupAsync(db, userId, groupId, ct);
        if (group is null) return Result.Fail(new Error("not_found", $"Wallet group #{groupId} does not exist or is not yours.", "GroupId"));
        group.RemoveMember(unitId);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>The user's groups (as payer), with each member unit's balances, spend this month and open meter alerts.</summary>
    public async Task<IReadOnlyList<GroupView>> GroupsAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct) is not int person) return [];
        var groups = await db.WalletGroups.AsNoTracking().Include(g => g.Members).Where(g => g.PayerPersonId == person).OrderBy(g => g.Id).ToListAsync(ct);
        var unitIds = groups.SelectMany(g => g.Members.Select(m => m.UnitId)).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Include(u => u.Estate).Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var alerts = (await db.MeterAlerts.AsNoTracking().Where(a => a.ResolvedAt == null)
                .Join(db.Meters.Where(m => m.UnitId != null && unitIds.Contains(m.UnitId.Value)), a => a.MeterId, m => m.Id, (a, m) => m.UnitId!.Value).ToListAsync(ct))
            .GroupBy(u => u).ToDictionary(g => g.Key, g => g.Count());
        var monthStart = new DateOnly(Today.Year, Today.Month, 1);
        var spend = (await (from l in db.LedgerLines
                            join a in db.LedgerAccounts on l.AccountId equals a.Id
                            join w in db.Wallets on a.WalletId equals w.Id
                            join t in db.LedgerTransactions on l.TransactionId equals t.Id
                            where unitIds.Contains(w.UnitId) && t.Type == TransactionType.Consumption && t.ValueDate >= monthStart
                            select new { w.UnitId, l.Amount }).ToListAsync(ct))
            .GroupBy(x => x.UnitId).ToDictionary(g => g.Key, g => -g.Sum(x => x.Amount));
        var result = new List<GroupView>();
        foreach (var g in groups)
        {
            var members = new List<GroupMemberView>();
            foreach (var m in g.Members.OrderBy(m => m.Position))
            {
                if (!units.TryGetValue(m.UnitId, out var unit)) continue;
                members.Add(new GroupMemberView(m.UnitId, unit.UnitNumber, unit.Estate.Name, m.FixedAmount, m.TargetBalance,
                    await ledger.BalancesAsync(m.UnitId, ct), spend.GetValueOrDefault(m.UnitId), alerts.GetValueOrDefault(m.UnitId)));
            }
            result.Add(new GroupView(g.Id, g.Name, g.Rule, members));
        }
        return result;
    }

    /// <summary>How <paramref name="amount"/> would be split across the group now (the same rule the payment uses).</summary>
    public async Task<Result<IReadOnlyList<(int UnitId, decimal Amount)>>> PlanAsync(string userId, int groupId, decimal amount, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var (group, person) = await OwnGroupAsync(db, userId, groupId, ct);
        if (group is null) return Result<IReadOnlyList<(int, decimal)>>.Fail(new Error("not_found", $"Wallet group #{groupId} does not exist or is not yours.", "GroupId"));
        var members = new List<SplitMember>();
        foreach (var m in group.Members.OrderBy(m => m.Position))
        {
            var access = await FamilyAccessQueries.AccessAsync(db, person, m.UnitId, Today, ct);
            if (!access.CanTopUp)
                return Result<IReadOnlyList<(int, decimal)>>.Fail(new Error("cannot_top_up", $"You can no longer top up unit #{m.UnitId}: remove it from the group first.", "Members"));
            var balance = group.Rule == SplitRule.ToTargetBalance ? (await ledger.BalancesAsync(m.UnitId, ct)).Sum(b => b.Balance) : 0m;
            members.Add(new SplitMember(m.UnitId, m.FixedAmount, m.TargetBalance, balance));
        }
        return TopUpSplit.Split(amount, group.Rule, members);
    }

    /// <summary>Starts one PayFast payment for the group, split by its rule (each part within the payer's caps).</summary>
    public async Task<Result<(PayFastCheckout Checkout, IReadOnlyList<(int UnitId, decimal Amount)> Parts)>> StartTopUpAsync(string userId, int groupId, decimal amount, string baseUrl,
        CancellationToken ct = default)
    {
        var plan = await PlanAsync(userId, groupId, amount, ct);
        if (plan.IsFailure) return Result<(PayFastCheckout, IReadOnlyList<(int, decimal)>)>.Fail(plan.Errors);
        var checkout = await payfast.CreateGroupCheckoutAsync(groupId, plan.Value, baseUrl, null, ct);
        return checkout.IsFailure
            ? Result<(PayFastCheckout, IReadOnlyList<(int, decimal)>)>.Fail(checkout.Errors)
            : Result<(PayFastCheckout, IReadOnlyList<(int, decimal)>)>.Ok((checkout.Value, plan.Value));
    }

    private static async Task<(WalletGroup? Group, int? Person)> OwnGroupAsync(QuantifyDbContext db, string userId, int groupId, CancellationToken ct)
    {
        var person = await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct);
        if (person is null) return (null, null);
        var group = await db.WalletGroups.Include(g => g.Members).FirstOrDefaultAsync(g => g.Id == groupId && g.PayerPersonId == person, ct);
        return (group, person);
    }
}
