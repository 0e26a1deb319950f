namespace Quantify.Domain.Settlement;

/// <summary>Why a payee receives an amount in a settlement: a share basis, the VAT, the remainder, or the levies.</summary>
public enum SettlementLineKind { BulkCost, MarkupOnBulkCost, PercentOfRevenue, PerActiveUnit, PercentOfResidual, Remainder, Vat, Levies }
