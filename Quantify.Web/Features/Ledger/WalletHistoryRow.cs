using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Ledger;

/// <summary>
/// One row of a wallet's history: either a day's usage of one pocket (<see cref="Entry"/> null; <see cref="Count"/>
/// readings summing to <see cref="Amount"/>, expandable to its lines), or one line of any other transaction.
/// </summary>
public sealed record WalletHistoryRow(HistoryKind Kind, DateOnly Day, Pocket Pocket, decimal Amount, int Count, WalletEntry? Entry, long LatestLineId)
{
    public bool IsUsageDay => Entry is null;
}
