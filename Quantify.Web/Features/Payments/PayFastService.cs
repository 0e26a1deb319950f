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
    PayFastValidateAddress validateAddress, TimeProvider clock, ILogger<PayFastService> log)
{
    private readonly PayFastAllowList allowList = new(options.AllowedIps ?? PayFastOptions.LoopbackOnly);

    public const decimal MinimumTopUp = 10m;
    public const decimal MaximumTopUp = 20_000m;

    public async Task<Result<PayFastCheckout>> CreateCheckoutAsync(int unitId, IReadOnlyDictionary<Pocket, decimal> split, string baseUrl, string? email, CancellationToken ct = default)
    {
        if (!options.Enabled) return Result<PayFastCheckout>.Fail(new Error("payfast_off", "Card and instant-EFT top-ups are switched off here (PayFast:Enabled)."));
        var amount = split.Values.Sum();
        if (split.Values.Any(v => v < 0 || decimal.Round(v, 2) != v))
            return Result<PayFastCheckout>.Fail(new Error("bad_split", "Each pocket's amount must be zero or more, in whole cents.", "Allocation"));
        if (amount < MinimumTopUp || amount > MaximumTopUp)
            return Result<PayFastCheckout>.Fail(new Error("bad_amount", $"A top-up must be between {Money.Format(MinimumTopUp)} and {Money.Format(MaximumTopUp)}; this one is {Money.Format(amount)}.", "Amount"));
        await using var db = await factory.CreateDbContextAsync(ct);
        var unit = await db.Units.AsNoTracking().Include(u => u.Estate).FirstOrDefaultAsync(u => u.Id == unitId && u.IsActive, ct);
        if (unit is null) return Result<PayFastCheckout>.Fail(new Error("unknown_unit", $"Unit #{unitId} does not exist or is archived."));
        var payment = new PendingPayment
        {
            Reference = $"QP-{clock.GetUtcNow():yyMMdd}-{Convert.ToHexString(RandomNumberGenerator.GetBytes(4))}",
            UnitId = unitId,
            Amount = amount,
            Allocation = PendingPayment.FormatAllocation(split),
            CreatedAt = clock.GetUtcNow(),
            CreatedById = UserContext.Actor?.UserId,
        };
        db.Set<PendingPayment>().Add(payment);
        await db.SaveChangesAsync(ct);
        var fields = new Dictionary<string, string>
        {
            ["merchant_id"] = options.MerchantId,
            ["merchant_key"] = options.MerchantKey,
            ["return_url"] = $"{baseUrl}/tenant/wallet?paid={payment.Reference}",
            ["cancel_url"] = $"{baseUrl}/tenant/wallet?cancelled={payment.Reference}",
            ["notify_url"] = $"{baseUrl}/api/payments/payfast/itn",
            ["email_address"] = email ?? "",
            ["m_payment_id"] = payment.Reference,
            ["amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["item_name"] = $"Prepaid utilities {unit.Estate.Name} {unit.UnitNumber}",
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
            var status = Field("payment_status");
            if (status != "COMPLETE")
            {
                payment.Status = status == "CANCELLED" ? PaymentStatus.Cancelled : PaymentStatus.Failed;
                await db.SaveChangesAsync(ct);
                return await Reject($"payment_status is {status}, not COMPLETE: nothing credited.");
            }
            if (!await ConfirmWithPayFastAsync(posted, ct)) return await Reject("PayFast's server confirmation did not answer VALID.");

            var walletId = await LedgerService.EnsureWalletInAsync(db, payment.UnitId, ct);
            await db.SaveChangesAsync(ct);
            var valueDate = await EstateToday.OfUnitAsync(db, clock, payment.UnitId, ct);
            var posted2 = await ledger.PostAsync(Postings.PayFastTopUp(pfId, payment.Reference, walletId, payment.ParseAllocation(), valueDate), ct);
            if (posted2.IsFailure) return await Reject("Ledger refused the posting: " + posted2.Describe());
            payment.Status = PaymentStatus.Completed;
            payment.PfPaymentId = pfId;
            payment.CompletedAt = clock.GetUtcNow();
            payment.LedgerTransactionId = posted2.Value.TransactionId;
            await db.SaveChangesAsync(ct);
            return new ItnOutcome(true, $"Credited {Money.Format(payment.Amount)} ({posted2.Value.Number}).");
        }
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
