using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Reports;

/// <summary>
/// The audit pack of an estate for a month (seed 004 §5.5): what a trustee tables at an AGM and an auditor ties back to
/// the ledger. Every amount is read from the ledger; the verification says how to recompute it.
/// </summary>
public sealed record AuditPack(int EstateId, string EstateName, string Period, DateOnly From, DateOnly To, DateTimeOffset GeneratedAt,
    IReadOnlyList<AuditSummaryRow> Summary, IReadOnlyList<AuditBalanceRow> Balances, IReadOnlyList<AuditTransactionRow> Transactions,
    IReadOnlyList<AuditLossRow> Loss, IReadOnlyList<AuditTrailRow> Trail, AuditVerification Verification)
{
    /// <summary>Settlements, payouts to payees, refunds and PayFast payouts to the trust bank.</summary>
    public IReadOnlyList<AuditTransactionRow> SettlementsAndPayouts =>
        Transactions.Where(t => t.Type is TransactionType.Settlement or TransactionType.Payout or TransactionType.Refund
            || (t.Type == TransactionType.Fee && t.Key.StartsWith("payfast-payout:", StringComparison.Ordinal))).ToList();

    public IReadOnlyList<AuditTransactionRow> Levies => Transactions.Where(t => t.Type == TransactionType.Levy).ToList();
}

/// <summary>Transactions of one type in the period: how many and the money they moved (the sum of their credits).</summary>
public sealed record AuditSummaryRow(TransactionType Type, int Count, decimal Amount);

/// <summary>An account (or all residents' wallets for one pocket) at the start and end of the period.</summary>
public sealed record AuditBalanceRow(string Account, decimal Opening, decimal Movement, decimal Closing);

public sealed record AuditTransactionRow(string Number, DateOnly ValueDate, TransactionType Type, string Description, string? Unit, decimal Amount, string Key);

/// <summary>Bulk meter against the units' meters for a utility over the period; the variance is the loss over the estate's threshold.</summary>
public sealed record AuditLossRow(string Utility, decimal Bulk, decimal Units, decimal? LossPercent, decimal ThresholdPercent)
{
    public decimal? Variance => LossPercent - ThresholdPercent;
    public bool WithinThreshold => LossPercent is null || LossPercent <= ThresholdPercent;
}

public sealed record AuditTrailRow(DateTimeOffset At, string User, string Entity, string Action);

/// <summary>The chain heads of the estate's wallets when the pack was made, whether they verified, and the period's line hash.</summary>
public sealed record AuditVerification(IReadOnlyList<AuditChainHead> ChainHeads, bool ChainsVerified, string ChainSummary, int Transactions, int Lines, string PeriodHash)
{
    public string Command(int estateId, string period) => $"dotnet run --project Quantify.Web -- ledger verify --estate {estateId} --period {period} --expect {PeriodHash}";
}

public sealed record AuditChainHead(int WalletId, string Unit, long Length, string Head);
