using Quantify.Domain.Common;

namespace Quantify.Domain.Ledger;

public enum PayoutStatus { Pending, Paid }

/// <summary>
/// A refund owed to a person who moved out with money left in the unit's wallet. The settlement posting moved the
/// balance to refunds payable; marking the payout paid posts refunds payable → bank. Financial: never deleted.
/// </summary>
public sealed class Payout : IAuditable
{
    private Payout() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public int? TenancyId { get; private set; }
    /// <summary>Rand owed (positive).</summary>
    public decimal Amount { get; private set; }
    /// <summary>Where the person's bank details are kept (e.g. a document or CRM reference); never the account number itself.</summary>
    public string? BankDetailsReference { get; private set; }
    public PayoutStatus Status { get; private set; } = PayoutStatus.Pending;
    /// <summary>The settlement transaction that moved the balance to refunds payable.</summary>
    public long SettlementTransactionId { get; private set; }
    public DateTimeOffset? PaidAt { get; private set; }
    public string? PaidById { get; private set; }
    /// <summary>The bank's payment reference, given when marked paid.</summary>
    public string? PaymentReference { get; private set; }
    public long? PaymentTransactionId { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public static Result<Payout> Create(int estateId, int unitId, int personId, int? tenancyId, decimal amount, string? bankDetailsReference, long settlementTransactionId)
    {
        var v = new Validator().MaxLength(bankDetailsReference, 200, nameof(BankDetailsReference), "Bank details reference");
        v.AddIf(amount <= 0, "not_positive", "A payout must be for more than R 0,00.", nameof(Amount));
        return v.IsValid
            ? Result<Payout>.Ok(new Payout
            {
                EstateId = estateId, UnitId = unitId, PersonId = personId, TenancyId = tenancyId, Amount = amount,
                BankDetailsReference = string.IsNullOrWhiteSpace(bankDetailsReference) ? null : bankDetailsReference.Trim(),
                SettlementTransactionId = settlementTransactionId,
            })
            : Result<Payout>.Fail(v.Errors);
    }

    public Result MarkPaid(DateTimeOffset at, string? userId, string paymentReference, long paymentTransactionId)
    {
        if (Status == PayoutStatus.Paid) return Result.Fail(new Error("already_paid", $"This refund was already marked paid on {PaidAt:yyyy-MM-dd}."));
        var v = new Validator().Required(paymentReference, nameof(PaymentReference), "Payment reference").MaxLength(paymentReference, 100, nameof(PaymentReference), "Payment reference");
        if (!v.IsValid) return v.ToResult();
        Status = PayoutStatus.Paid;
        PaidAt = at;
        PaidById = userId;
        PaymentReference = paymentReference.Trim();
        PaymentTransactionId = paymentTransactionId;
        return Result.Ok();
    }
}

/// <summary>
/// A debt left by a person who moved out with a negative wallet: the settlement posting moved it off the unit's
/// wallet (so the next occupant does not inherit it) to the estate's arrears receivable account. The debt stays
/// attached to the person. Financial: never deleted.
/// </summary>
public sealed class ArrearsHandover : IAuditable
{
    private ArrearsHandover() { }

    public int Id { get; private set; }
    public int EstateId { get; private set; }
    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public int? TenancyId { get; private set; }
    /// <summary>Rand owed by the person (positive).</summary>
    public decimal Amount { get; private set; }
    public DateOnly HandedOverOn { get; private set; }
    public long SettlementTransactionId { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public static Result<ArrearsHandover> Create(int estateId, int unitId, int personId, int? tenancyId, decimal amount, DateOnly handedOverOn, long settlementTransactionId) =>
        amount <= 0
            ? Result<ArrearsHandover>.Fail(new Error("not_positive", "An arrears handover must be for more than R 0,00.", nameof(Amount)))
            : Result<ArrearsHandover>.Ok(new ArrearsHandover
            {
                EstateId = estateId, UnitId = unitId, PersonId = personId, TenancyId = tenancyId, Amount = amount, HandedOverOn = handedOverOn,
                SettlementTransactionId = settlementTransactionId,
            });
}
