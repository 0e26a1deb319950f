using Quantify.Domain.Ledger;

namespace Quantify.Domain.Family;

/// <summary>Consumption against a budget: the period's window and the level reached (80 % warns, 100 % is reached).</summary>
public static class BudgetRule
{
    public const decimal WarningShare = 0.8m;

    /// <summary>First day of the period containing <paramref name="localDay"/> (estate calendar).</summary>
    public static DateOnly PeriodStart(BudgetPeriod period, DateOnly localDay) =>
        period == BudgetPeriod.Daily ? localDay : new DateOnly(localDay.Year, localDay.Month, 1);

    /// <summary>First day after the period containing <paramref name="localDay"/>.</summary>
    public static DateOnly PeriodEnd(BudgetPeriod period, DateOnly localDay) =>
        period == BudgetPeriod.Daily ? localDay.AddDays(1) : PeriodStart(period, localDay).AddMonths(1);

    public static BudgetLevel Level(decimal spent, decimal limit) =>
        spent >= limit ? BudgetLevel.Reached : spent >= limit * WarningShare ? BudgetLevel.Warning : BudgetLevel.Under;

    /// <summary>
    /// Whether the electricity pocket is to be treated as exhausted: some budget on it that cuts has been reached this period.
    /// Water and hot water are never cut, whatever their budgets say.
    /// </summary>
    public static bool CutsSupply(Pocket pocket, IEnumerable<(SpendBudget Budget, decimal Spent)> budgets) =>
        pocket == Pocket.Electricity && budgets.Any(b => b.Budget.Pocket == Pocket.Electricity && b.Budget.Mode == BudgetMode.CutElectricity
                                                         && Level(b.Spent, b.Budget.Limit) == BudgetLevel.Reached);
}
