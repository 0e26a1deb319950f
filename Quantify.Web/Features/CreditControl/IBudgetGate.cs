using Quantify.Web.Data;

namespace Quantify.Web.Features.CreditControl;

/// <summary>
/// Spend budgets inside credit control's unit of work: adds the budget notices due (committed with credit control's
/// save) and answers which units' electricity a reached cutting budget treats as exhausted.
/// </summary>
public interface IBudgetGate
{
    Task<IReadOnlySet<int>> EvaluateInAsync(QuantifyDbContext db, IReadOnlyCollection<int> unitIds, DateTimeOffset now, CancellationToken ct);
}
