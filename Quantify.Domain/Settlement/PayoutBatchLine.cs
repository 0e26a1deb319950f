namespace Quantify.Domain.Settlement;

/// <summary>One payment of a batch: a payee, the amount owed by the run, the amount to pay, and once paid the bank's reference and the posting.</summary>
public sealed class PayoutBatchLine
{
    private PayoutBatchLine() { }

    internal PayoutBatchLine(int payeeId, decimal owed, string reference)
    {
        PayeeId = payeeId;
        Owed = owed;
        Amount = owed;
        Reference = reference;
    }

    public long Id { get; private set; }
    public int BatchId { get; private set; }
    public int PayeeId { get; private set; }
    /// <summary>What the run credited the payee's payable.</summary>
    public decimal Owed { get; private set; }
    /// <summary>What this batch pays (at most <see cref="Owed"/>).</summary>
    public decimal Amount { get; private set; }
    /// <summary>The reference on the payee's bank statement.</summary>
    public string Reference { get; private set; } = "";
    public bool IsPaid => PaidAt is not null;
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaidById { get; private set; }
    public string? BankReference { get; private set; }
    public long? TransactionId { get; private set; }

    internal void Edit(decimal amount, string reference)
    {
        Amount = amount;
        Reference = reference;
    }

    internal void Paid(string bankReference, long transactionId, DateTimeOffset at, string? userId)
    {
        BankReference = bankReference;
        TransactionId = transactionId;
        PaidAt = at;
        PaidById = userId;
    }
}
