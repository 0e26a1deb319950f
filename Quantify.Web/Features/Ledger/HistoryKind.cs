using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Ledger;

/// <summary>The kinds a resident filters their wallet history by (docs/portal.md, "Wallet history").</summary>
public enum HistoryKind { TopUps, Usage, Charges, Adjustments }

/// <summary>Which <see cref="HistoryKind"/> each transaction type belongs to, and the words for each kind.</summary>
public static class HistoryKinds
{
    public static HistoryKind Of(TransactionType type) => type switch
    {
        TransactionType.TopUp or TransactionType.Allocation => HistoryKind.TopUps,
        TransactionType.Consumption => HistoryKind.Usage,
        TransactionType.ServiceCharge or TransactionType.Levy or TransactionType.Fee or TransactionType.Reconnection or TransactionType.Purchase => HistoryKind.Charges,
        _ => HistoryKind.Adjustments, // adjustments, reversals, refunds, settlements, payouts
    };

    /// <summary>The transaction types of a kind (the inverse of <see cref="Of"/>).</summary>
    public static IReadOnlyList<TransactionType> TypesOf(HistoryKind kind) => Enum.GetValues<TransactionType>().Where(t => Of(t) == kind).ToList();

    public static string Label(HistoryKind kind) => kind switch
    {
        HistoryKind.TopUps => "Top-ups",
        HistoryKind.Usage => "Usage",
        HistoryKind.Charges => "Fees and charges",
        _ => "Adjustments and refunds",
    };
}
