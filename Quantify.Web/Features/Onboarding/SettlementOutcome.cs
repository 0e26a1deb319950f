namespace Quantify.Web.Features.Onboarding;

/// <summary>What settling a wallet to zero did: the net balance settled, and the payout (a credit) or arrears handover (a debt) it made.</summary>
public sealed record SettlementOutcome(decimal Balance, int? PayoutId, decimal? Refund, int? ArrearsId, decimal? Debt)
{
    public static readonly SettlementOutcome Nothing = new(0m, null, null, null, null);
}
