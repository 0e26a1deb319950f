using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;

namespace Quantify.Domain.Metering;

public enum CreditAction { None, Disconnect, Reconnect, DeferDisconnect, FlagArrears }

/// <summary>What credit control should do for one pocket, and which notice (if any) the resident gets.</summary>
public sealed record CreditDecision(CreditAction Action, NoticeLevel Notice, string Reason);

public enum NoticeLevel { None, Low, Critical }

/// <summary>
/// Credit control rules, per estate (seed 004 §8.3). Electricity at or below its credit limit is disconnected, except in
/// friendly hours (then the disconnection waits); it is reconnected once a top-up lifts the pocket to its minimum
/// activation amount. Water and hot water are never cut: at the debt cap the unit is flagged for arrears.
/// </summary>
public static class CreditPolicy
{
    /// <param name="relayClosed">The relay as last known (after any command already queued for it).</param>
    /// <param name="budgetReached">
    /// A spend budget that cuts supply has been reached this period (<c>Family.BudgetRule.CutsSupply</c>): electricity is
    /// treated as exhausted (friendly hours still apply) until the period ends or the budget is raised; water ignores it.
    /// </param>
    public static CreditDecision Decide(Pocket pocket, decimal balance, WalletPocket settings, bool relayClosed, bool friendlyHours, bool budgetReached = false)
    {
        // Critical: electricity with nothing left (disconnection is next); water or hot water in debt.
        var critical = pocket == Pocket.Electricity ? balance <= 0 : balance < 0;
        var notice = critical ? NoticeLevel.Critical : settings.IsLow(balance) ? NoticeLevel.Low : NoticeLevel.None;
        if (pocket is Pocket.Water or Pocket.HotWater)
            return settings.IsExhausted(balance)
                ? new CreditDecision(CreditAction.FlagArrears, notice, $"{pocket} owes {-balance:0.00}, at or beyond its debt cap of {settings.CreditLimit:0.00}: flagged for arrears (water is never cut).")
                : new CreditDecision(CreditAction.None, notice, "");
        if (pocket != Pocket.Electricity) return new CreditDecision(CreditAction.None, NoticeLevel.None, "");

        if (relayClosed && (settings.IsExhausted(balance) || settings.IsSuspended || budgetReached))
        {
            var why = settings.IsSuspended ? $"supply suspended: {settings.SuspendedReason}"
                : settings.IsExhausted(balance) ? $"balance {balance:0.00} is at or below the credit limit of {-settings.CreditLimit:0.00}"
                : "the household's spend budget for this period is used up";
            return friendlyHours
                ? new CreditDecision(CreditAction.DeferDisconnect, notice, $"Disconnection due ({why}) but it is within friendly hours.")
                : new CreditDecision(CreditAction.Disconnect, notice, $"Electricity disconnected: {why}.");
        }
        if (!relayClosed && !settings.IsSuspended && !budgetReached && balance >= settings.MinimumActivationAmount)
            return new CreditDecision(CreditAction.Reconnect, NoticeLevel.None, $"Electricity reconnected: balance {balance:0.00} reached the minimum activation amount of {settings.MinimumActivationAmount:0.00}.");
        return new CreditDecision(CreditAction.None, notice, "");
    }

    /// <summary>
    /// Friendly hours: no disconnections between the estate's start and end times (which may wrap past midnight, e.g.
    /// 17:00–08:00), and, if the estate says so, all day on weekends and public holidays.
    /// </summary>
    public static bool IsFriendlyHours(DateTime local, EstateSettings settings, Func<DateOnly, bool> isPublicHoliday)
    {
        var day = DateOnly.FromDateTime(local);
        if (settings.NoDisconnectOnWeekends && local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) return true;
        if (settings.NoDisconnectOnPublicHolidays && isPublicHoliday(day)) return true;
        var time = TimeOnly.FromDateTime(local);
        var (start, end) = (settings.FriendlyHoursStart, settings.FriendlyHoursEnd);
        if (start == end) return false;
        return start < end ? time >= start && time < end : time >= start || time < end;
    }
}
