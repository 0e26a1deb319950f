using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// Each ITN check of <see cref="PayFastService"/> on its own, against a SQLite file and a fake PayFast validate endpoint
/// (no web host): PayFast's documented checks (signature, source, merchant, amount within R0,01, status, server
/// confirmation answering VALID) and the attacker's variations (another merchant, no pf_payment_id, an unknown or
/// already-paid reference, a confirmation that is not a 200 VALID, an unreachable PayFast, oversized fields in the
/// rejection log). Every rejection is stored with its reason; only a payment that passes everything is credited.
/// </summary>
public class PayFastItnRulesTests : IAsyncLifetime
{
    private const string Passphrase = "jt7NOE43FZPn";
    private static readonly IPAddress PayFastAddress = IPAddress.Parse("197.97.145.150");

    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private int estateId, unitId;
    private readonly FakePayFast payfast = new();
    private PayFastOptions options = null!;

    private sealed class NoServer : Microsoft.AspNetCore.Hosting.Server.IServer
    {
        public Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        public Task StartAsync<TContext>(Microsoft.AspNetCore.Hosting.Server.IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Silver Leaf");
        unitId = await w.UnitAsync(estateId, "A101");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        options = new PayFastOptions
        {
            Passphrase = Passphrase, ValidateUrl = "https://sandbox.payfast.co.za/eng/query/validate", AllowedIps = ["197.97.145.144/28"],
        };
    }

    public async Task DisposeAsync()
    {
        payfast.Dispose();
        await w.DisposeAsync();
    }

    private readonly Accounts.AccountSecurityTests.CapturingLogs logs = new();

    private PayFastService Service() => new(w.Db.Factory, ledger, options, payfast, new PayFastValidateAddress(options, new NoServer()), w.Db.Clock,
        LoggerFactory.Create(b => b.AddProvider(logs)).CreateLogger<PayFastService>());

    private async Task PendingAsync(string reference, decimal amount)
    {
        await using var db = w.Db.Create();
        db.Payments.Add(new PendingPayment
        {
            Reference = reference, UnitId = unitId, Amount = amount, CreatedAt = w.Db.Clock.GetUtcNow(),
            Allocation = PendingPayment.FormatAllocation(new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>An ITN as PayFast posts it (field names and order from PayFast's ITN documentation), signed.</summary>
    private static List<KeyValuePair<string, string>> Itn(string reference, string pfId = "1089250", string gross = "100.00", string status = "COMPLETE",
        string merchant = "10000100", Action<List<KeyValuePair<string, string>>>? change = null)
    {
        List<KeyValuePair<string, string>> itn =
        [
            new("m_payment_id", reference), new("pf_payment_id", pfId), new("payment_status", status), new("item_name", "Prepaid utilities"),
            new("item_description", ""), new("amount_gross", gross), new("amount_fee", "-2.30"), new("amount_net", "97.70"),
            new("custom_str1", ""), new("name_first", "Thandi"), new("name_last", "Nkosi"), new("email_address", "thandi@example.co.za"),
            new("merchant_id", merchant),
        ];
        change?.Invoke(itn);
        itn.Add(new("signature", PayFastSignature.SignItn(itn, Passphrase)));
        return itn;
    }

    private async Task<decimal> BalanceAsync() => (await ledger.BalancesAsync(unitId)).Sum(b => b.Balance);

    private async Task<PendingPayment> PaymentAsync(string reference)
    {
        await using var db = w.Db.Create();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Reference == reference);
    }

    private async Task<List<PaymentRejection>> RejectionsAsync()
    {
        await using var db = w.Db.Create();
        return await db.PaymentRejections.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
    }

    [Fact]
    public async Task AGenuineItn_IsConfirmedWithItsParamString_AndCreditedOnce()
    {
        await PendingAsync("QP-1", 100m);
        var itn = Itn("QP-1");

        var outcome = await Service().ProcessItnAsync(itn, PayFastAddress);

        Assert.True(outcome.Credited, outcome.Reason);
        Assert.StartsWith($"Credited {Money.Format(100m)} (", outcome.Reason, StringComparison.Ordinal);
        var (url, body) = Assert.Single(payfast.Requests);
        Assert.Equal("payfast", Assert.Single(payfast.ClientNames)); // the named client, with its time-out (PaymentsRegistration)
        Assert.Equal(new Uri(PayFastOptions.SandboxValidateUrl), url);
        Assert.Equal(PayFastSignature.ItnParamString(itn), body);
        Assert.Equal(100m, await BalanceAsync());
        Assert.Equal(-2.30m, await w.AccountBalanceAsync(AccountCode.EstateGatewayFees(estateId))); // PayFast's fee, from amount_fee, booked with the payment
        Assert.Equal(-97.70m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
        var paid = await PaymentAsync("QP-1");
        Assert.Equal((PaymentStatus.Completed, "1089250", w.Db.Clock.GetUtcNow()), (paid.Status, paid.PfPaymentId, paid.CompletedAt));
        Assert.NotNull(paid.LedgerTransactionId);
        Assert.Empty(await RejectionsAsync());

        var replay = await Service().ProcessItnAsync(itn, PayFastAddress);
        Assert.Equal(new ItnOutcome(false, "Duplicate ITN for a payment already credited; nothing credited again."), replay);
        Assert.Empty(await RejectionsAsync()); // a resend is PayFast being careful, not an attack
        Assert.Single(payfast.Requests);
        Assert.Equal(100m, await BalanceAsync());
    }

    [Fact]
    public async Task ASecondPayFastPayment_ForAnAlreadyPaidReference_IsRejected()
    {
        await PendingAsync("QP-2", 100m);
        Assert.True((await Service().ProcessItnAsync(Itn("QP-2", pfId: "2000001"), PayFastAddress)).Credited);

        var other = await Service().ProcessItnAsync(Itn("QP-2", pfId: "2000002"), PayFastAddress);

        Assert.Equal(new ItnOutcome(false, "Payment QP-2 was already completed by PayFast payment 2000001."), other);
        Assert.Equal(100m, await BalanceAsync());
        Assert.Equal("2000001", (await PaymentAsync("QP-2")).PfPaymentId);
    }

    [Fact]
    public async Task ASignatureInUpperCaseHex_IsStillPayFasts()
    {
        await PendingAsync("QP-3", 100m);
        var itn = Itn("QP-3");
        itn[^1] = new("signature", itn[^1].Value.ToUpperInvariant());
        Assert.True((await Service().ProcessItnAsync(itn, PayFastAddress)).Credited);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "merchant", "Merchant id 10000101 is not ours." },
        { "no-pf-id", "No pf_payment_id." },
        { "unknown", "Unknown payment reference 'QP-NOPE'." },
        { "amount", "amount_gross 100.02 does not match the pending payment of 100.00." },
        { "amount-text", "amount_gross R100 does not match the pending payment of 100.00." },
        { "forged", "Signature does not match the posted fields: forged or altered." },
        { "twice", "A field is posted more than once: PayFast never does that." },
        { "source", "Source address 197.97.145.160 is not on the PayFast allow-list." },
        { "no-source", "Source address  is not on the PayFast allow-list." },
        { "fee-positive", FeeRefusal("2.30") },
        { "fee-beyond-gross", FeeRefusal("-100.01") },
        { "fee-fraction", FeeRefusal("-2.305") },
        { "fee-text", FeeRefusal("R2.30") },
    };

    private static string FeeRefusal(string fee) =>
        $"amount_fee {fee} is not a fee PayFast sends for amount_gross 100.00 (a negative amount of whole cents, no more than the gross).";

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EachFailedCheck_CreditsNothing_AsksPayFastNothing_AndStoresItsReason(string attack, string reason)
    {
        await PendingAsync("QP-4", 100m);
        var source = PayFastAddress;
        var itn = attack switch
        {
            "merchant" => Itn("QP-4", merchant: "10000101"),
            "no-pf-id" => Itn("QP-4", pfId: ""),
            "unknown" => Itn("QP-NOPE"),
            "amount" => Itn("QP-4", gross: "100.02"),
            "amount-text" => Itn("QP-4", gross: "R100"),
            "forged" => Altered(Itn("QP-4")),
            "twice" => Itn("QP-4", change: l => l.Add(new("amount_gross", "100.00"))),
            "source" => Itn("QP-4"),
            _ when attack.StartsWith("fee-", StringComparison.Ordinal) => Itn("QP-4", change: l => l[6] = new("amount_fee", reason.Split(' ')[1])),
            _ => Itn("QP-4"),
        };
        if (attack == "source") source = IPAddress.Parse("197.97.145.160");

        var outcome = await Service().ProcessItnAsync(itn, attack == "no-source" ? null : source);

        Assert.Equal(new ItnOutcome(false, reason), outcome);
        Assert.Empty(payfast.Requests);
        Assert.Equal(0m, await BalanceAsync());
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync("QP-4")).Status);
        var stored = Assert.Single(await RejectionsAsync());
        Assert.Equal(reason, stored.Reason);
        Assert.Equal(attack == "no-source" ? null : source.ToString(), stored.SourceIp);
        Assert.Equal(itn[0].Value, stored.Reference);
        Assert.Equal(PayFastSignature.ItnParamString(itn), stored.RawBody);
        Assert.Equal(w.Db.Clock.GetUtcNow(), stored.ReceivedAt);
        Assert.Contains(logs.Lines, l => l.StartsWith($"PayFast ITN rejected ({itn[0].Value}, pf {itn[1].Value}, from {(attack == "no-source" ? "(null)" : source)}): {reason}", StringComparison.Ordinal));
    }

    /// <summary>A genuine ITN changed after PayFast signed it.</summary>
    private static List<KeyValuePair<string, string>> Altered(List<KeyValuePair<string, string>> itn)
    {
        itn[3] = new("item_name", "Prepaid utilities (altered)");
        return itn;
    }

    [Theory]
    [InlineData("100.01")]
    [InlineData("99.99")]
    public async Task ACentOfRounding_IsTolerated(string gross)
    {
        await PendingAsync("QP-5", 100m);
        Assert.True((await Service().ProcessItnAsync(Itn("QP-5", gross: gross), PayFastAddress)).Credited);
    }

    [Theory]
    [InlineData("CANCELLED", PaymentStatus.Cancelled)]
    [InlineData("FAILED", PaymentStatus.Failed)]
    [InlineData("PENDING", PaymentStatus.Failed)]
    public async Task AnItnThatIsNotComplete_MarksThePayment_AndCreditsNothing(string status, PaymentStatus marked)
    {
        await PendingAsync("QP-6", 100m);

        var outcome = await Service().ProcessItnAsync(Itn("QP-6", status: status), PayFastAddress);

        Assert.Equal(new ItnOutcome(false, $"payment_status is {status}, not COMPLETE: nothing credited."), outcome);
        Assert.Equal(marked, (await PaymentAsync("QP-6")).Status);
        Assert.Empty(payfast.Requests);
        Assert.Equal(0m, await BalanceAsync());
    }

    public static TheoryData<string> BadConfirmations() => new() { "INVALID", "500 VALID", "VALID but more", "" , "throws" };

    [Theory]
    [MemberData(nameof(BadConfirmations))]
    public async Task AConfirmationThatIsNotA200Valid_OrNoConfirmationAtAll_CreditsNothing(string answer)
    {
        await PendingAsync("QP-7", 100m);
        payfast.Answer = answer switch
        {
            "500 VALID" => () => new HttpResponseMessage(HttpStatusCode.InternalServerError) { Content = new StringContent("VALID") },
            "throws" => () => throw new HttpRequestException("connection refused"),
            _ => () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(answer) },
        };

        var outcome = await Service().ProcessItnAsync(Itn("QP-7"), PayFastAddress);

        Assert.Equal(new ItnOutcome(false, "PayFast's server confirmation did not answer VALID."), outcome);
        Assert.Single(payfast.Requests);
        Assert.Equal(0m, await BalanceAsync());
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync("QP-7")).Status);
    }

    [Fact]
    public async Task AnUnreachablePayFast_IsLoggedWithTheAddressTried()
    {
        await PendingAsync("QP-9", 100m);
        payfast.Answer = () => throw new HttpRequestException("connection refused");

        await Service().ProcessItnAsync(Itn("QP-9"), PayFastAddress);

        Assert.Contains(logs.Lines, l => l.StartsWith($"PayFast validation at {PayFastOptions.SandboxValidateUrl} failed", StringComparison.Ordinal) && l.Contains("connection refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFaultOfOurOwnWhileConfirming_IsNotTakenForPayFastsRefusal_SoPayFastSendsTheItnAgain()
    {
        await PendingAsync("QP-10", 100m);
        payfast.Answer = () => throw new InvalidOperationException("a bug of ours, not PayFast answering");

        await Assert.ThrowsAsync<InvalidOperationException>(() => Service().ProcessItnAsync(Itn("QP-10"), PayFastAddress));

        Assert.Empty(await RejectionsAsync()); // the endpoint answers 500: PayFast retries the ITN, which is then credited once
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync("QP-10")).Status);
        payfast.Answer = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("VALID") };
        Assert.True((await Service().ProcessItnAsync(Itn("QP-10"), PayFastAddress)).Credited);
    }

    [Fact]
    public async Task AnItnWithoutAFee_IsCreditedInFull_AndNoFeeIsBooked()
    {
        await PendingAsync("QP-11", 100m);
        var itn = Itn("QP-11", change: l => l.RemoveAll(f => f.Key is "amount_fee" or "amount_net"));

        Assert.True((await Service().ProcessItnAsync(itn, PayFastAddress)).Credited);

        Assert.Equal(100m, await BalanceAsync());
        Assert.Equal(0m, await w.AccountBalanceAsync(AccountCode.EstateGatewayFees(estateId)));
        Assert.Equal(-100m, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
    }

    [Theory]
    [InlineData("", 100, "0")]
    [InlineData("-2.30", 100, "2.30")]
    [InlineData("0.00", 100, "0")]
    [InlineData("-100.00", 100, "100.00")] // the whole gross, as a fee: odd, but PayFast's to send
    [InlineData("-100.01", 100, null)]     // more than was paid
    [InlineData("2.30", 100, null)]        // PayFast sends the fee negative
    [InlineData("-2.305", 100, null)]      // fractions of a cent
    [InlineData("fee", 100, null)]
    [InlineData("-1,000.00", 5000, null)]  // PayFast's ITN amounts carry no thousands separator
    public void TheFee_IsPayFastsNegativeAmountFee_AsAPositiveAmount(string amountFee, decimal gross, string? fee) =>
        Assert.Equal(fee is null ? null : decimal.Parse(fee, System.Globalization.CultureInfo.InvariantCulture), PayFastService.Fee(amountFee, gross));

    [Fact]
    public async Task AConfirmationOfValidWithSurroundingWhitespace_IsValid()
    {
        await PendingAsync("QP-8", 100m);
        payfast.Answer = () => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("\r\nVALID \n") };
        Assert.True((await Service().ProcessItnAsync(Itn("QP-8"), PayFastAddress)).Credited);
    }

    [Fact]
    public async Task OversizedFields_AreCutToTheirColumnsInTheRejectionLog()
    {
        var longReference = new string('R', 60);
        var longPf = new string('9', 55);
        var itn = Itn(longReference, pfId: longPf, change: l => l.Add(new("custom_str2", new string('x', 9000))));

        var outcome = await Service().ProcessItnAsync(itn, PayFastAddress);

        Assert.Equal($"Unknown payment reference '{longReference}'.", outcome.Reason);
        var stored = Assert.Single(await RejectionsAsync());
        Assert.Equal(longReference[..40], stored.Reference);
        Assert.Equal(longPf[..40], stored.PfPaymentId);
        Assert.Equal(8000, stored.RawBody.Length);
        Assert.Equal(PayFastSignature.ItnParamString(itn)[..8000], stored.RawBody);
    }

    [Fact]
    public async Task RecentRejections_AreNewestFirst_AndLimited()
    {
        for (var i = 0; i < 3; i++) await Service().ProcessItnAsync(Itn($"QP-R{i}"), PayFastAddress);

        var recent = await Service().RecentRejectionsAsync(2);

        Assert.Equal(["QP-R2", "QP-R1"], recent.Select(r => r.Reference));
        Assert.Equal(3, (await Service().RecentRejectionsAsync()).Count);
    }
}
