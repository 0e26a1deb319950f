using Quantify.Domain.Family;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Family;

/// <summary>A payer's wallet group with each member unit's balances, month's spend and open alerts.</summary>
public sealed record GroupView(int Id, string Name, SplitRule Rule, IReadOnlyList<GroupMemberView> Members);

/// <summary>One unit of a group as its payer sees it.</summary>
public sealed record GroupMemberView(int UnitId, string UnitNumber, string EstateName, decimal? FixedAmount, decimal? TargetBalance,
    IReadOnlyList<PocketBalance> Balances, decimal MonthSpend, int OpenAlerts)
{
    public decimal Total => Balances.Sum(b => b.Balance);
    public bool AnyLow => Balances.Any(b => b.Pocket != Domain.Ledger.Pocket.Unallocated && b.Balance <= b.LowBalanceThreshold);
}
