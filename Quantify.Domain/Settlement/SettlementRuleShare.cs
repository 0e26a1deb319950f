namespace Quantify.Domain.Settlement;

/// <summary>
/// One share of a settlement rule version. <see cref="Rate"/> means: a percentage (0-100) for the percentage bases,
/// rand per active unit for <see cref="ShareBasis.PerActiveUnit"/>, the supplier's rand per kWh or kL (excl. VAT) for
/// <see cref="ShareBasis.BulkCost"/>; <see cref="FixedAmount"/> is the supplier's fixed monthly charge (bulk cost only).
/// </summary>
public sealed record SettlementRuleShare(int PayeeId, ShareBasis Basis, decimal Rate, decimal FixedAmount = 0m)
{
    public string Describe() => Basis switch
    {
        ShareBasis.BulkCost => FixedAmount == 0 ? $"bulk cost at R {Rate:0.0000}/unit" : $"bulk cost at R {Rate:0.0000}/unit + R {FixedAmount:0.00}/month",
        ShareBasis.MarkupOnBulkCost => $"{Rate:0.##} % markup on bulk cost",
        ShareBasis.PercentOfRevenue => $"{Rate:0.##} % of revenue",
        ShareBasis.PerActiveUnit => $"R {Rate:0.00} per active unit",
        ShareBasis.PercentOfResidual => $"{Rate:0.##} % of the residual",
        _ => Basis.ToString(),
    };
}
