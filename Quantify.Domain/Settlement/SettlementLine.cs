using Quantify.Domain.Metering;

namespace Quantify.Domain.Settlement;

/// <summary>One computed amount for a payee: from which utility (null for levies), on which basis, explained in words.</summary>
public sealed record SettlementLine(int PayeeId, Utility? Utility, SettlementLineKind Kind, string Description, decimal Amount);
