using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Ledger;

/// <summary>A wallet line with its transaction, as <see cref="WalletHistoryQueries"/> reads it (a query shape, not stored).</summary>
public sealed class HistoryLine
{
    public long Id { get; init; }
    public long TransactionId { get; init; }
    public decimal Amount { get; init; }
    public Pocket Pocket { get; init; }
    public TransactionType Type { get; init; }
    public DateOnly ValueDate { get; init; }
    public DateTimeOffset PostedAt { get; init; }
    public string Number { get; init; } = "";
    public string Description { get; init; } = "";
}
