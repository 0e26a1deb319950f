using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Payments;

public sealed record PayFastCheckout(string ProcessUrl, IReadOnlyList<KeyValuePair<string, string>> Fields, string Reference);

public sealed record ItnOutcome(bool Credited, string Reason);

/// <summary>
/// PayFast top-ups: the signed payment form, and the ITN with every documented check — signature over every posted
/// field in received order up to <c>signature</c> (blanks included), source IP allow-list, amount against the pending
/// payment (within R0,01), merchant id, payment status COMPLETE, dedupe on pf_payment_id, and the server confirmation
/// POST to the configured validate URL answering VALID. Only what passes is credited (idempotently, keyed on
/// pf_payment_id) with a value date in the estate's time zone; every rejection is stored with its reason.
/// </summary>
public sealed class PayFastService(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, PayFastOptions options, IHttpClientFactory http,
    PayFastValidateAddress validateAddress, TimeProvider clock, ILogger<PayFastService> log, IEnumerable<ITopUpGate>? gates = null)
{
    private readonly PayFastAllowList allowList = new(options.AllowedIps ?? PayFastOptions.LoopbackOnly);

    public const decimal MinimumTopUp = 10m;
    public const decimal MaximumTopUp = 20_000m;

    public async Task<Result<PayFastCheckout>> CreateCheckoutAsync(int unitId, IReadOnlyDictionary<Pocket, decimal> split, string baseUrl, string? email, CancellationToken ct = default)
    {
        var amount = split.Values.Sum();
        if (Refusal(split.Values.ToList(), amount, "Each pocket's amount must be zero or more, in whole cents.") is { } bad) return Result<PayFastCheckout>.Fail(bad);
        foreach (var gate in gates ?? [])
            if (await gate.CheckAsync(unitId, amount, UserContext.Actor?.UserId, ct) is { } refused) return Result<PayFastCheckout>.Fail(refused);
        return await StartAsync(unitId, amount, PendingPayment.FormatAllocation(split), null, null, baseUrl, email, ct);
    }

    /// <summary>
    /// One payment for a wallet group, split into <paramref name="parts"/> (unit, amount) that add up to the amount paid; the ITN
    /// posts each part to its wallet (by its estate's default pocket rule) in one ledger transaction. Each part passes the top-up gates.
    /// </summary>
    public async Task<Result<PayFastCheckout>> CreateGroupCheckoutAsync(int walletGroupId, IReadOnlyList<(int UnitId, decimal Amount)> parts, string baseUrl, string? email, CancellationToken ct = default)
    {
        var amount = parts.Sum(p => p.Amount);
        if (parts.Count == 0) return Result<PayFastCheckout>.Fail(new Error("bad_split", "The group has no wallets to top up.", "Allocation"));
        if (Refusal(parts.Select(p => p.Amount).ToList(), amount, "Each wallet's part must be zero or more, in whole cents.") is { } bad) return Result<PayFastCheckout>.Fail(bad);
        foreach (var (unitId, part) in parts.Where(p => p.Amount > 0))
            foreach (var gate in gates ?? [])
                if (await gate.CheckAsync(unitId, part, UserContext.Actor?.UserId, ct) is { } refused)
                    return Result<PayFastCheckout>.Fail(refused with { Message = $"Unit #{unitId}: {refused.Message}" });
        return await StartAsync(parts[0].UnitId, amount, "", walletGroupId, Family.TopUpGate.FormatGroupAllocation(parts.Where(p => p.Amount > 0)), baseUrl, email, ct);
    }

    /// <summary>Why a payment cannot start: PayFast switched off, a negative or fractional-cent part, or a total outside the limits.</summary>
    private Error? Refusal(IReadOnlyList<decimal> parts, decimal amount, string badSplit)
    {
        if (!options.Enabled) return new Error("payfast_off", "Card and instant-EFT top-ups are switched off here (PayFast:Enabled).");
        if (parts.Any(v => v < 0 || decimal.Round(v, 2) != v)) return new Error("bad_split", badSplit, "Allocation");
        if (amount < MinimumTopUp || amount > MaximumTopUp)
            return new Error("bad_amount", $"A top-up must be between {Money.Format(MinimumTopUp)} and {Money.Format(MaximumTopUp)}; this one is {Money.Format(amount)}.", "Amount");
        return null;
    }

    private async Task<Result<PayFastCheckout>> StartAsync(int unitId, decimal amount, string allocation, int? walletGroupId, string? groupAllocation, string baseUrl, string? email, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct);
        if (unit is null) return Result<PayFastCheckout>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist or is archived."));
        var payment = new PendingPayment
        {
            Reference = $"QP-{clock.GetUtcNow():yyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}",
            UnitId = unitId,
            Amount = amount,
            Allocation = allocation,
            CreatedAt = clock.GetUtcNow(),
            CreatedById = UserContext.Actor?.UserId,
            WalletGroupId = walletGroupId,
            GroupAllocation = groupAllocation,
        };
        db.Set<PendingPayment>().Add(payment);
        await db.SaveChangesAsync(ct);
        var back = walletGroupId is int g ? $"{baseUrl}/family/groups/{g}" : $"{baseUrl}/tenant/wallet";
        var fields = new Dictionary<string, string>
        {
            ["merchant_id"] = options.MerchantId,
            ["merchant_key"] = options.MerchantKey,
            ["return_url"] = $"{back}?paid={payment.Reference}",
            ["cancel_url"] = $"{back}?cancelled={payment.Reference}",
            ["notify_url"] = $"{baseUrl}/api/payments/payfast/itn",
            ["email_address"] = email ?? "",
            ["m_payment_id"] = payment.Reference,
            ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["item_name"] = walletGroupId is null ? $"Prepaid utilities {unit.Estate.Name} {unit.UnitNumber}" : "Prepaid utilities, several units",
        };
        var ordered = PayFastSignature.InFormOrder(fields).Where(f => f.Value.Length > 0).ToList();
        ordered.Add(new("signature", PayFastSignature.SignForm(ordered, options.Passphrase)));
        var process = options.ProcessUrl.StartsWith('/') ? baseUrl + options.ProcessUrl : options.ProcessUrl;
        return Result<PayFastCheckout>.Ok(new PayFastCheckout(process, ordered, payment.Reference));
    }

    /// <param name="posted">The form fields exactly as posted, in order.</param>
    /// <param name="source">The client's address: the connection's, or the one a configured known proxy forwarded.</param>
    public async Task<ItnOutcome> ProcessItnAsync(IReadOnlyList<KeyValuePair<string, string>> posted, IPAddress? source, CancellationToken ct = default)
    {
        string Field(string name) => posted.FirstOrDefault(p => p.Key == name).Value ?? "";
        var reference = Field("m_payment_id");
        var pfId = Field("pf_payment_id");
        async Task<ItnOutcome> Reject(string reason)
        {
            log.LogWarning("PayFast ITN rejected ({Reference}, pf {PfId}, from {Ip}): {Reason}", reference, pfId, source, reason);
            await using var db = await factory.CreateDbContextAsync(ct);
            db.Set<PaymentRejection>().Add(new PaymentRejection
            {
                ReceivedAt = clock.GetUtcNow(), SourceIp = source?.ToString(), Reference = Trim(reference, 40), PfPaymentId = Trim(pfId, 40), Reason = reason,
                RawBody = Trim(PayFastSignature.ItnParamString(posted), 8000)!,
            });
            await db.SaveChangesAsync(ct);
            return new ItnOutcome(false, reason);
        }

        if (posted.Select(p => p.Key).Distinct(StringComparer.Ordinal).Count() != posted.Count) return await Reject("A field is posted more than once: PayFast never does that.");
        var expected = PayFastSignature.SignItn(posted, options.Passphrase);
        if (!PayFastSignature.SameSignature(expected, Field("signature"))) return await Reject("Signature does not match the posted fields: forged or altered.");
        if (source is null || !allowList.Contains(source)) return await Reject($"Source address {source} is not on the PayFast allow-list.");
        if (Field("merchant_id") != options.MerchantId) return await Reject($"Merchant id {Field("merchant_id")} is not ours.");
        if (string.IsNullOrEmpty(pfId)) return await Reject("No pf_payment_id.");

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var payment = await db.Set<PendingPayment>().FirstOrDefaultAsync(p => p.Reference == reference, ct);
            if (payment is null) return await Reject($"Unknown payment reference '{reference}'.");
            if (payment.PfPaymentId == pfId && payment.Status == PaymentStatus.Completed)
                return new ItnOutcome(false, "Duplicate ITN for a payment already credited; nothing credited again.");
            if (payment.Status == PaymentStatus.Completed) return await Reject($"Payment {reference} was already completed by PayFast payment {payment.PfPaymentId}.");
            if (!decimal.TryParse(Field("amount_gross"), NumberStyles.Number, CultureInfo.InvariantCulture, out var gross) || Math.Abs(gross - payment.Amount) > 0.01m)
                return await Reject($"amount_gross {Field("amount_gross")} does not match the pending payment of {payment.Amount.ToString("0.00", CultureInfo.InvariantCulture)}.");
            if (Fee(Field("amount_fee"), gross) is not { } fee)
                return await Reject($"amount_fee {Field("amount_fee")} is not a fee PayFast sends for amount_gross {Field("amount_gross")} (a negative amount of whole cents, no more than the gross).");
            var status = Field("payment_status");
            if (status != "COMPLETE")
            {
                payment.Status = status == "CANCELLED" ? PaymentStatus.Cancelled : PaymentStatus.Failed;
                await db.SaveChangesAsync(ct);
                return await Reject($"payment_status is {status}, not COMPLETE: nothing credited.");
            }
            if (!await ConfirmWithPayFastAsync(posted, ct)) return await Reject("PayFast's server confirmation did not answer VALID.");

            var valueDate = await EstateToday.OfUnitAsync(db, clock, payment.UnitId, ct);
            // The fee is booked with the payment (same transaction, keyed on pf_payment_id), to the paying unit's estate: a replayed ITN books it never twice.
            var estateId = await db.Units.Where(u => u.Id == payment.UnitId).Select(u => u.EstateId).FirstAsync(ct);
            var posting = payment.WalletGroupId is null
                ? Postings.PayFastTopUp(pfId, payment.Reference, await WalletOfAsync(db, payment.UnitId, ct), payment.ParseAllocation(), valueDate, fee, estateId)
                : Postings.PayFastGroupTopUp(pfId, payment.Reference, await GroupPartsAsync(db, payment, ct), valueDate);
            var posted2 = await ledger.PostAsync(posting, ct);
            if (posted2.IsFailure) return await Reject("Ledger refused the posting: " + posted2.Describe());
            if (payment.WalletGroupId is not null && fee > 0)
            {
                var feePosted = await ledger.PostAsync(Postings.GatewayFee(pfId, estateId, fee, valueDate), ct);
                if (feePosted.IsFailure) log.LogError("PayFast fee for pf {PfId} not booked: {Reason}", pfId, feePosted.Describe());
            }
            payment.Status = PaymentStatus.Completed;
            payment.PfPaymentId = pfId;
            payment.CompletedAt = clock.GetUtcNow();
            payment.LedgerTransactionId = posted2.Value.TransactionId;
            await db.SaveChangesAsync(ct);
            return new ItnOutcome(true, $"Credited {Money.Format(payment.Amount)} ({posted2.Value.Number}).");
        }
    }

    /// <summary>
    /// PayFast's fee as a positive rand amount, from the ITN's <c>amount_fee</c> (PayFast sends it negative, e.g.
    /// <c>-2.30</c>, with <c>amount_net</c> = gross + fee); 0 when no fee is sent; null when it is not an amount, is
    /// positive, has fractions of a cent or exceeds the gross. The booking uses the fee; <c>amount_net</c> is not relied on.
    /// </summary>
    public static decimal? Fee(string amountFee, decimal gross)
    {
        if (string.IsNullOrEmpty(amountFee)) return 0m;
        if (!decimal.TryParse(amountFee, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fee)
            || fee > 0 || -fee > gross || decimal.Round(fee, 2) != fee) return null;
        return -fee;
    }

    private static async Task<int> WalletOfAsync(QuantifyDbContext db, int unitId, CancellationToken ct)
    {
        var walletId = await LedgerService.EnsureWalletInAsync(db, unitId, ct);
        await db.SaveChangesAsync(ct);
        return walletId;
    }

    /// <summary>A group payment: each unit's part to its wallet, split across pockets by its estate's default rule.</summary>
    private static async Task<List<(int WalletId, IReadOnlyDictionary<Pocket, decimal> Split)>> GroupPartsAsync(QuantifyDbContext db, PendingPayment payment, CancellationToken ct)
    {
        var parts = new List<(int WalletId, IReadOnlyDictionary<Pocket, decimal> Split)>();
        foreach (var (unitId, part) in Family.TopUpGate.ParseGroupAllocation(payment.GroupAllocation))
        {
            var walletId = await WalletOfAsync(db, unitId, ct);
            var share = await (from u in db.Units join s in db.EstateSettings on u.EstateId equals s.EstateId where u.Id == unitId select (decimal?)s.DefaultElectricitySharePercent).FirstOrDefaultAsync(ct) ?? 100m;
            parts.Add((walletId, Allocation.ByDefaultRule(part, share)));
        }
        return parts;
    }

    /// <summary>PayFast's step 4: post the ITN's parameter string back to PayFast itself (the configured URL) and expect VALID.</summary>
    private async Task<bool> ConfirmWithPayFastAsync(IReadOnlyList<KeyValuePair<string, string>> posted, CancellationToken ct)
    {
        var url = validateAddress.Resolve();
        try
        {
            using var client = http.CreateClient("payfast");
            using var content = new StringContent(PayFastSignature.ItnParamString(posted), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = await client.PostAsync(url, content, ct);
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync(ct)).Trim() == "VALID";
        }
        catch (Exception ex) when ((ex is HttpRequestException or TaskCanceledException) && !ct.IsCancellationRequested)
        {
            log.LogWarning(ex, "PayFast validation at {Url} failed", url);
            return false;
        }
    }

    public async Task<IReadOnlyList<PaymentRejection>> RecentRejectionsAsync(int take = 50, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Set<PaymentRejection>().AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
    }

    private static string? Trim(string? s, int max) => s is { Length: > 0 } && s.Length > max ? s[..max] : s;
}
