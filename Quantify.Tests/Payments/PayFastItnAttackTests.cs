using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// The real app on a loopback port, confirming ITNs at a configured absolute validate URL (a fake PayFast that, like the
/// real one, answers VALID only for notifications it sent), with an attacker's listener that answers VALID to anything.
/// </summary>
public sealed class PayFastItnAttackFixture : IAsyncLifetime
{
    public const string Passphrase = "jt7NOE43FZPn";

    public ConcurrentDictionary<string, byte> IssuedByPayFast { get; } = new();
    public FakeHttpEndpoint PayFast { get; private set; } = null!;
    public FakeHttpEndpoint Attacker { get; private set; } = null!;
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PayFast = new FakeHttpEndpoint(body => IssuedByPayFast.ContainsKey(body) ? "VALID" : "INVALID");
        Attacker = new FakeHttpEndpoint(_ => "VALID");
        App = await TestApp.StartAsync(demo: true, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["PayFast:ValidateUrl"] = PayFast.Url("/eng/query/validate"),
            ["PayFast:Passphrase"] = Passphrase,
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await PayFast.DisposeAsync();
        await Attacker.DisposeAsync();
    }
}

public class PayFastItnAttackTests(PayFastItnAttackFixture fixture) : IClassFixture<PayFastItnAttackFixture>
{
    private IServiceProvider Services => fixture.App.Services;

    private async Task<int> PendingAsync(string unitRef, string reference, decimal amount)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var unit = await db.Units.Where(u => u.PaymentReference == unitRef).Select(u => u.Id).SingleAsync();
        db.Payments.Add(new PendingPayment
        {
            Reference = reference, UnitId = unit, Amount = amount, CreatedAt = DateTimeOffset.UtcNow,
            Allocation = PendingPayment.FormatAllocation(new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }),
        });
        await db.SaveChangesAsync();
        return unit;
    }

    private async Task<decimal> ElectricityAsync(int unitId) =>
        (await Services.GetRequiredService<LedgerService>().BalancesAsync(unitId)).SingleOrDefault(b => b.Pocket == Pocket.Electricity)?.Balance ?? 0m;

    private async Task<string?> LastRejectionAsync(string reference)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.PaymentRejections.Where(r => r.Reference == reference).OrderByDescending(r => r.Id).Select(r => r.Reason).FirstOrDefaultAsync();
    }

    private async Task<HttpResponseMessage> PostItnAsync(string body, string? host = null)
    {
        using var client = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl!) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/payfast/itn")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (host is not null) request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    /// <summary>An ITN for a pending payment, signed like PayFast with the configured passphrase (the worst case: an
    /// attacker who knows the passphrase still needs PayFast's server confirmation).</summary>
    private static string SignedBody(string reference, string pfId, string gross)
    {
        List<KeyValuePair<string, string>> itn =
        [
            new("m_payment_id", reference), new("pf_payment_id", pfId), new("payment_status", "COMPLETE"), new("item_name", "Prepaid utilities"),
            new("item_description", ""), new("amount_gross", gross), new("amount_fee", "-2.00"), new("amount_net", "0.00"),
            new("custom_str1", ""), new("name_first", "Mallory"), new("name_last", ""), new("email_address", ""), new("merchant_id", "10000100"),
        ];
        itn.Add(new("signature", PayFastSignature.SignItn(itn, PayFastItnAttackFixture.Passphrase)));
        return string.Join('&', itn.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
    }

    [Fact]
    public async Task GenuineItn_WithBlankFields_IsConfirmedWithTheExactParamString_AndCreditedOnce_EvenWhenReplayed()
    {
        var unit = await PendingAsync("SLF-A106", "QP-261201-0A1B2C3D", 150m);
        var before = await ElectricityAsync(unit);
        fixture.IssuedByPayFast[PayFastSignatureVectorTests.GenuineParamString] = 0;
        var confirmationsBefore = fixture.PayFast.Requests.Count;

        Assert.Equal(HttpStatusCode.OK, (await PostItnAsync(PayFastSignatureVectorTests.GenuineBodyAsPosted)).StatusCode);
        Assert.Equal(before + 150m, await ElectricityAsync(unit));
        var confirmation = Assert.Single(fixture.PayFast.Requests.Skip(confirmationsBefore));
        Assert.Equal("/eng/query/validate", confirmation.Path);
        Assert.Equal(PayFastSignatureVectorTests.GenuineParamString, confirmation.Body);

        // PayFast resends until it gets a 200; a replayed ITN credits nothing more.
        Assert.Equal(HttpStatusCode.OK, (await PostItnAsync(PayFastSignatureVectorTests.GenuineBodyAsPosted)).StatusCode);
        Assert.Equal(before + 150m, await ElectricityAsync(unit));
    }

    [Fact]
    public async Task ForgedHostHeader_DoesNotMoveTheServerConfirmation_AndCreditsNothing()
    {
        var unit = await PendingAsync("SLF-A107", "QP-FORGED-HOST-1", 500m);
        var before = await ElectricityAsync(unit);
        var confirmationsBefore = fixture.PayFast.Requests.Count;

        var response = await PostItnAsync(SignedBody("QP-FORGED-HOST-1", "7000001", "500.00"), host: $"127.0.0.1:{fixture.Attacker.Port}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Attacker.Requests);
        var confirmation = Assert.Single(fixture.PayFast.Requests.Skip(confirmationsBefore));
        Assert.Equal("/eng/query/validate", confirmation.Path);
        Assert.Equal(before, await ElectricityAsync(unit));
        Assert.Contains("did not answer VALID", await LastRejectionAsync("QP-FORGED-HOST-1"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2.00")]
    [InlineData("199.98")]
    [InlineData("200.02")]
    public async Task TamperedAmount_ReSignedWithTheKnownPassphrase_IsRejected_BeforePayFastIsAsked(string gross)
    {
        var reference = "QP-TAMPER-" + gross.Replace(".", "", StringComparison.Ordinal);
        var unit = await PendingAsync("SLF-A201", reference, 200m);
        var before = await ElectricityAsync(unit);
        var confirmationsBefore = fixture.PayFast.Requests.Count;

        await PostItnAsync(SignedBody(reference, "71" + gross.Replace(".", "", StringComparison.Ordinal), gross));

        Assert.Equal(before, await ElectricityAsync(unit));
        Assert.Equal(confirmationsBefore, fixture.PayFast.Requests.Count);
        Assert.Contains($"amount_gross {gross} does not match the pending payment of 200.00", await LastRejectionAsync(reference), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AmountAltered_AfterPayFastSigned_FailsTheSignature()
    {
        await PendingAsync("SLF-A201", "QP-ALTERED-1", 300m);
        var body = SignedBody("QP-ALTERED-1", "7200001", "30.00").Replace("amount_gross=30.00", "amount_gross=300.00", StringComparison.Ordinal);
        await PostItnAsync(body);
        Assert.Contains("forged or altered", await LastRejectionAsync("QP-ALTERED-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldPostedTwice_IsRejected()
    {
        await PendingAsync("SLF-A201", "QP-TWICE-1", 100m);
        var body = SignedBody("QP-TWICE-1", "7300001", "100.00") + "&amount_gross=1.00";
        await PostItnAsync(body);
        Assert.Contains("more than once", await LastRejectionAsync("QP-TWICE-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedBody_IsRefused_AndNothingIsStored()
    {
        await PendingAsync("SLF-A201", "QP-HUGE-1", 100m);
        var body = SignedBody("QP-HUGE-1", "7400001", "100.00") + "&custom_str2=" + new string('x', 40_000);
        var response = await PostItnAsync(body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await LastRejectionAsync("QP-HUGE-1"));
    }

    [Fact]
    public async Task TopUpPaidAt2330UtcOn30November_HasValueDate1December_TheEstatesDay()
    {
        var unit = await PendingAsync("SLF-A106", "QP-SAST-1", 100m);
        List<KeyValuePair<string, string>> itn =
        [
            new("m_payment_id", "QP-SAST-1"), new("pf_payment_id", "7500001"), new("payment_status", "COMPLETE"), new("item_name", "Prepaid utilities"),
            new("item_description", ""), new("amount_gross", "100.00"), new("amount_fee", "-5.50"), new("amount_net", "94.50"), new("merchant_id", "10000100"),
        ];
        itn.Add(new("signature", PayFastSignature.SignItn(itn, PayFastItnAttackFixture.Passphrase)));
        fixture.IssuedByPayFast[PayFastSignature.ItnParamString(itn)] = 0;
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 30, 23, 30, 0, TimeSpan.Zero));
        var payfast = new PayFastService(Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>(), Services.GetRequiredService<LedgerService>(),
            Services.GetRequiredService<PayFastOptions>(), Services.GetRequiredService<IHttpClientFactory>(), Services.GetRequiredService<PayFastValidateAddress>(),
            clock, NullLogger<PayFastService>.Instance);

        var outcome = await payfast.ProcessItnAsync(itn, IPAddress.Loopback);

        Assert.True(outcome.Credited, outcome.Reason);
        await using var db = await Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var valueDate = await db.LedgerTransactions.Where(t => t.IdempotencyKey == "payfast:7500001").Select(t => t.ValueDate).SingleAsync();
        Assert.Equal(new DateOnly(2026, 12, 1), valueDate);
    }
}
