using Quantify.Domain.Settlement;

namespace Quantify.Web.Features.Settlement;

/// <summary>One share row of the rule form, as typed (see <see cref="SettlementRuleShare"/> for what Rate means per basis).</summary>
public sealed class SettlementShareDraft
{
    public int PayeeId { get; set; }
    public ShareBasis Basis { get; set; } = ShareBasis.PercentOfRevenue;
    public decimal Rate { get; set; }
    public decimal FixedAmount { get; set; }
}
