namespace Quantify.Domain.Settlement;

/// <summary>
/// How a share of a utility's period revenue (excluding VAT) is worked out. The first four are taken first, in this
/// order; what is left (the residual) is split by <see cref="PercentOfResidual"/> shares, which must add to 100 % when
/// used; the rule's remainder payee receives the rest (the rounding cents, or the whole residual when no share splits it).
/// </summary>
public enum ShareBasis
{
    /// <summary>The actual bulk cost: the bulk meter's period consumption × the supplier's rate, plus the supplier's fixed monthly charge.</summary>
    BulkCost,
    /// <summary>A percentage of the bulk cost (the body corporate's markup on the bulk supply).</summary>
    MarkupOnBulkCost,
    /// <summary>A percentage of the period's revenue (a bulk supplier paid by percentage, an operator's commission).</summary>
    PercentOfRevenue,
    /// <summary>A fixed fee per active (metered, occupied) unit (an operator's per-unit fee).</summary>
    PerActiveUnit,
    /// <summary>A percentage of what is left after the shares above.</summary>
    PercentOfResidual,
}
