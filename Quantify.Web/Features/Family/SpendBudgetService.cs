using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;
using Quantify.Domain.Support;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Consumption budgets per wallet pocket (seed 004 §4.3): set by a Manage holder; spend is the pocket's consumption
/// postings with a value date in the period (estate calendar). Inside credit control's sweep it sends the 80 % and
/// 100 % notices once per period to the unit's holders, Manage and TopUp holders and group payers, and names the units
/// whose electricity a reached cutting budget treats as exhausted (<see cref="BudgetRule"/>; water is never cut).
/// </summary>
public sealed class SpendBudgetService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, CommandSignal? creditWake = null) : IBudgetGate
{
    public async Task<Result<int>> SetAsync(string userId, int unitId, Pocket pocket, BudgetPeriod period, decimal limit, BudgetMode mode, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var access = await FamilyAccessQueries.AccessAsync(db, await FamilyAccessQueries.PersonOfUserAsync(db, userId, ct), unitId, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (!access.CanManage) return Result<int>.Fail(new Error("not_manager", "Only the wallet's Manage holders can set budgets.", "UnitId"));
        var budget = await db.SpendBudgets.FirstOrDefaultAsync(b => b.UnitId == unitId && b.Pocket == pocket && b.Period == period, ct);
        if (budget is null)
        {
            var created = SpendBudget.Create(unitId, pocket, period, limit, mode);
            if (created.IsFailure) return Result<int>.Fail(created.Errors);
            budget = created.Value;
            db.SpendBudgets.Add(budget);
        }
        else if (budget.Change(limit, mode) is { IsFailure: true } bad) return Result<int>.Fail(bad.Errors);
        await db.SaveChangesAsync(ct);
        creditWake?.Notify();
        return Result<int>.Ok(budget.Id);
    }

    public async Task<IReadOnlyList<BudgetSpend>> SpendingAsync(int unitId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var budgets = await db.SpendBudgets.AsNoTracking().Where(b => b.UnitId == unitId).OrderBy(b => b.Pocket).ThenBy(b => b.Period).ToListAsync(ct);
        if (budgets.Count == 0) return [];
        var today = await EstateToday.OfUnitAsync(db, clock, unitId, ct);
        var result = new List<BudgetSpend>();
        foreach (var b in budgets) result.Add(await SpendOfAsync(db, b, today, ct));
        return result;
    }

    public async Task<IReadOnlySet<int>> EvaluateInAsync(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, DateTimeOffset now, CancellationToken ct)
    {
        var budgets = await db.SpendBudgets.Where(b => unitIds.Contains(b.UnitId)).ToListAsync(ct);
        var cut = new HashSet<int>();
        if (budgets.Count == 0) return cut;
        var units = budgets.Select(b => b.UnitId).Distinct().ToList();
        var recipients = await UnitRecipients.ForAsync(db, units, DateOnly.FromDateTime(now.UtcDateTime), ct);
        foreach (var byUnit in budgets.GroupBy(b => b.UnitId))
        {
            var today = await EstateToday.OfUnitAsync(db, clock, byUnit.Key, ct);
            var spends = new List<(SpendBudget, decimal)>();
            foreach (var b in byUnit)
            {
                var spend = await SpendOfAsync(db, b, today, ct);
                spends.Add((b, spend.Spent));
                var (warn, reached) = b.MarkNotified(spend.Level, spend.PeriodStart);
                if (!warn && !reached) continue;
                var what = $"{(b.Period == BudgetPeriod.Daily ? "daily" : "monthly")} {b.Pocket.ToString().ToLowerInvariant()} budget of {Money.Format(b.Limit)}";
                var (title, body) = reached
                    ? ($"{b.Pocket} budget reached", $"{Money.Format(spend.Spent)} used: the {what} is reached." +
                        (b.Mode == BudgetMode.CutElectricity ? " Electricity is switched off (outside friendly hours) until the period ends or the budget is raised." : ""))
                    : ($"{b.Pocket} budget at 80 %", $"{Money.Format(spend.Spent)} used of the {what}.");
                foreach (var user in recipients.GetValueOrDefault(byUnit.Key) ?? [])
                    db.Notifications.Add(new Notification(user, NotificationKind.Alert, NotificationChannel.InApp, title, body, now, byUnit.Key));
            }
            if (BudgetRule.CutsSupply(Pocket.Electricity, spends)) cut.Add(byUnit.Key);
        }
        return cut;
    }

    private static async Task<BudgetSpend> SpendOfAsync(QuantifyDbContext db, SpendBudget b, DateOnly today, CancellationToken ct)
    {
        var start = BudgetRule.PeriodStart(b.Period, today);
        var end = BudgetRule.PeriodEnd(b.Period, today);
        var amounts = await (from l in db.LedgerLines
                             join a in db.LedgerAccounts on l.AccountId equals a.Id
                             join w in db.Wallets on a.WalletId equals w.Id
                             join t in db.LedgerTransactions on l.TransactionId equals t.Id
                             where w.UnitId == b.UnitId && a.Pocket == b.Pocket && t.Type == TransactionType.Consumption && t.ValueDate >= start && t.ValueDate < end
                             select l.Amount).ToListAsync(ct);
        var spent = -amounts.Sum();
        return new BudgetSpend(b.Id, b.UnitId, b.Pocket, b.Period, b.Limit, b.Mode, start, end, spent, BudgetRule.Level(spent, b.Limit));
    }
}
