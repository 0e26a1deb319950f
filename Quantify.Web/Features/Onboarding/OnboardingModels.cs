using Quantify.Domain.People;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// What happens to the unit's wallet when a new tenant moves in. The wallet belongs to the unit (its meters debit it),
/// so the choice is about the balance already in it.
/// </summary>
public enum WalletChoice
{
    /// <summary>
    /// The new tenant starts at R 0,00. Offboarding already settles the wallet to zero; if anything is left (a tenancy
    /// that was ended without offboarding), it is settled now against the previous tenant: a credit becomes their
    /// refund (payout), a debt their arrears.
    /// </summary>
    Reset,

    /// <summary>The balance stays as it is: the same household continues (a spouse takes over the lease, a renewal).</summary>
    CarryOver,
}

/// <summary>The person moving in: found by ID/passport number if they exist, else created from these details.</summary>
public sealed class OnboardPersonInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public IdentityDocumentType IdType { get; set; } = IdentityDocumentType.SaId;
    public string? IdNumber { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>One meter's register as read by hand (kWh or kL). ReadAt defaults to the moment of the request.</summary>
public sealed class MeterReadingInput
{
    public int MeterId { get; set; }
    public decimal? Register { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

public sealed class OnboardTenantRequest
{
    /// <summary>Names this move-in; a repeat with the same key returns the first result. Default: unit, person and date.</summary>
    public string? IdempotencyKey { get; set; }
    public OnboardPersonInput Person { get; set; } = new();
    public DateOnly? MoveInDate { get; set; }
    public WalletChoice Wallet { get; set; } = WalletChoice.Reset;
    /// <summary>One per active meter of the unit; stored as readings that are not billed (the new tenant pays from here).</summary>
    public List<MeterReadingInput> OpeningReadings { get; set; } = [];
    /// <summary>Email the person a link to set a password (and SMS them if a phone number is known).</summary>
    public bool SendInvitation { get; set; } = true;
}

public sealed record OpeningReadingResult(int MeterId, string Serial, decimal Register, decimal? SinceLastReading, long ReadingId);

public sealed record OnboardTenantResult(
    int UnitId, int EstateId, int PersonId, bool PersonCreated, int TenancyId, DateOnly MoveInDate, int WalletId, WalletChoice Wallet,
    decimal WalletBalance, decimal? PreviousOccupantRefund, decimal? PreviousOccupantDebt, int? InvitationId, bool InvitationSent,
    IReadOnlyList<OpeningReadingResult> OpeningReadings, bool Replayed = false);

public sealed class OffboardTenantRequest
{
    /// <summary>Names this move-out; a repeat with the same key returns the first result. Default: unit and date.</summary>
    public string? IdempotencyKey { get; set; }
    public DateOnly? MoveOutDate { get; set; }
    /// <summary>One per active meter of the unit; the consumption since the last reading is billed as usual.</summary>
    public List<MeterReadingInput> ClosingReadings { get; set; } = [];
    /// <summary>Where the refund's bank details are kept (a document or CRM reference), if a refund is due.</summary>
    public string? RefundBankReference { get; set; }
}

public sealed record ClosingReadingResult(int MeterId, string Serial, decimal Register, decimal? Consumption, decimal Charged, string Status);

public sealed record OffboardTenantResult(
    int UnitId, int EstateId, int PersonId, int TenancyId, DateOnly MoveOutDate, IReadOnlyList<ClosingReadingResult> ClosingReadings, decimal FinalCharges,
    decimal SettledBalance, int? PayoutId, decimal? RefundAmount, int? ArrearsId, decimal? DebtAmount, bool LoginDeactivated, bool Replayed = false);

/// <summary>What an agent sees before confirming a move-out: the balance now, the estimated final charges, and the outcome.</summary>
public sealed record OffboardPreview(int TenancyId, int PersonId, string PersonName, decimal BalanceNow, decimal EstimatedFinalCharges, IReadOnlyList<string> Notes)
{
    public decimal BalanceAfter => BalanceNow - EstimatedFinalCharges;
    public decimal Refund => BalanceAfter > 0 ? BalanceAfter : 0m;
    public decimal Debt => BalanceAfter < 0 ? -BalanceAfter : 0m;
}

/// <summary>A meter of the unit, with its last reading, for the wizards' reading steps.</summary>
public sealed record UnitMeterRow(int MeterId, string Serial, string Type, string UnitOfMeasure, decimal? LastRegister, DateTimeOffset? LastReadAt);

/// <summary>Told after a move-in or move-out has committed (webhooks subscribe: tenant.onboarded, tenant.offboarded).</summary>
public sealed record TenantLifecycleEvent(int EstateId, int UnitId, int PersonId, int TenancyId, DateOnly Date);

public interface ITenantLifecycleListener
{
    Task OnboardedAsync(TenantLifecycleEvent e, CancellationToken ct);
    Task OffboardedAsync(TenantLifecycleEvent e, CancellationToken ct);
}
