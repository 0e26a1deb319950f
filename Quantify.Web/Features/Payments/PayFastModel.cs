using Quantify.Domain.Ledger;

namespace Quantify.Web.Features.Payments;

public enum PaymentStatus { Pending, Completed, Failed, Cancelled }

/// <summary>A card/EFT payment started through PayFast, waiting for its ITN. Financial: never deleted.</summary>
public sealed class PendingPayment
{
    public long Id { get; set; }
    /// <summary>Our reference, sent as m_payment_id.</summary>
    public required string Reference { get; set; }
    public int UnitId { get; set; }
    public decimal Amount { get; set; }
    /// <summary>How the payer split the amount: "Electricity=100.00;Water=50.00".</summary>
    public required string Allocation { get; set; }
    public PaymentStatus Status { get; set; } = PaymentStatus.Pending;
    public string? PfPaymentId { get; set; }
    public long? LedgerTransactionId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CreatedById { get; set; }
    /// <summary>A wallet-group top-up: the group (its parts are in <see cref="GroupAllocation"/>; <see cref="UnitId"/> is the first member's).</summary>
    public int? WalletGroupId { get; set; }
    /// <summary>How a group top-up is split across units: "12=100.00;13=99.99" (unit id = amount), fixed when the payment starts.</summary>
    public string? GroupAllocation { get; set; }

    public static string FormatAllocation(IReadOnlyDictionary<Pocket, decimal> split) =>
        string.Join(';', split.Where(kv => kv.Value != 0).OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}={kv.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}"));

    public IReadOnlyDictionary<Pocket, decimal> ParseAllocation() =>
        Allocation.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('='))
            .ToDictionary(p => Enum.Parse<Pocket>(p[0]), p => decimal.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>An ITN that was not credited, with the reason: admins see these; nothing is silently dropped.</summary>
public sealed class PaymentRejection
{
    public long Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string? SourceIp { get; set; }
    public string? Reference { get; set; }
    public string? PfPaymentId { get; set; }
    public required string Reason { get; set; }
    public required string RawBody { get; set; }
}
