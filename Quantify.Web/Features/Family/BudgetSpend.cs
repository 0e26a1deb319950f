using Quantify.Domain.Family;
using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Family;

/// <summary>Consumption against one budget in its current period.</summary>
public sealed record BudgetSpend(int BudgetId, int UnitId, Pocket Pocket, BudgetPeriod Period, decimal Limit, BudgetMode Mode, DateOnly PeriodStart, DateOnly PeriodEnd,
    decimal Spent, BudgetLevel Level)
{
    public decimal Percent => Limit == 0 ? 100m : Math.Round(Spent / Limit * 100m, 1);
}
