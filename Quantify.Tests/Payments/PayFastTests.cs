using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>The real app on a loopback port: checkout, the local stand-in PayFast, and the ITN checks end to end.</summary>
public sealed class PayFastFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true, kestrel: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class PayFastTests(PayFastFixture fixture) : IClassFixture<PayFastFixture>
{
    private const string Passphrase = "quantify-demo-passphrase";

    private PayFastService PayFast => fixture.App.Services.GetRequiredService<PayFastService>();

    private async Task<int> UnitAsync(string reference)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Units.Where(u => u.PaymentReference == reference).Select(u => u.Id).SingleAsync();
    }

    private async Task<decimal> BalanceAsync(int unitId, Pocket pocket) =>
        (await fixture.App.Services.GetRequiredService<LedgerService>().BalancesAsync(unitId)).Single(b => b.Pocket == pocket).Balance;

    /// <summary>An independent implementation of PayFast's signature (RFC 3986 escaping, spaces as '+').</summary>
    private static string IndependentSignature(IEnumerable<(string Key, string Value)> fields, string passphrase)
    {
        var text = string.Join("&", fields.Where(f => f.Value != "").Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value).Replace("%20", "+", StringComparison.Ordinal)))
                   + "&passphrase=" + Uri.EscapeDataString(passphrase);
        return Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(text))).ToLowerInvariant();
    }

    [Fact]
    public void FormSignature_MatchesAnIndependentComputation()
    {
        var fields = new[] { ("merchant_id", "10000100"), ("merchant_key", "46f0cd694581a"), ("return_url", "https://q.example/tenant/wallet?paid=QP-1"),
            ("m_payment_id", "QP-1"), ("amount", "150.00"), ("item_name", "Prepaid utilities Silverleaf A101") };
        var ours = PayFastSignature.SignForm(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), Passphrase);
        Assert.Equal(IndependentSignature(fields, Passphrase), ours);
    }

    [Fact]
    public async Task TopUp_ThroughTheStandIn_CreditsTheChosenPocketsOnce_EvenWhenTheItnIsReplayed()
    {
        var unit = await UnitAsync("SLF-A102");
        var before = await BalanceAsync(unit, Pocket.Electricity);
        var waterBefore = await BalanceAsync(unit, Pocket.Water);
        var checkout = await PayFast.CreateCheckoutAsync(unit, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 120m, [Pocket.Water] = 30m }, fixture.App.BaseUrl!, "t@example.com");
        Assert.True(checkout.IsSuccess, checkout.IsFailure ? checkout.Describe() : null);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.App.BaseUrl!) };
        var page = await browser.PostAsync(checkout.Value.ProcessUrl, new FormUrlEncodedContent(checkout.Value.Fields));
        Assert.Contains("R 150.00", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var pay = await browser.PostAsync("/payfast-standin/eng/pay", new FormUrlEncodedContent(checkout.Value.Fields.Append(new("outcome", "COMPLETE"))));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        Assert.Equal(before + 120m, await BalanceAsync(unit, Pocket.Electricity));

        var standIn = fixture.App.Services.GetRequiredService<PayFastStandIn>();
        // The stand-in sends what PayFast sends: blank fields included (and signed), a non-ASCII, apostrophed name.
        Assert.Contains("&item_description=&", standIn.LastItnBody, StringComparison.Ordinal);
        Assert.Contains("&custom_str1=&", standIn.LastItnBody, StringComparison.Ordinal);
        Assert.Contains("name_first=Zo%C3%AB&name_last=O%27Brien&", standIn.LastItnBody, StringComparison.Ordinal);
        var replay = await browser.PostAsync("/api/payments/payfast/itn", new StringContent(standIn.LastItnBody!, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(before + 120m, await BalanceAsync(unit, Pocket.Electricity));
        Assert.Equal(waterBefore + 30m, await BalanceAsync(unit, Pocket.Water));
    }

    private async Task<(string Reference, List<KeyValuePair<string, string>> Itn)> PendingWithItnAsync(string unitRef, decimal amount, string status = "COMPLETE", string? grossOverride = null)
    {
        var unit = await UnitAsync(unitRef);
        var checkout = await PayFast.CreateCheckoutAsync(unit, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }, fixture.App.BaseUrl!, null);
        var itn = new List<KeyValuePair<string, string>>
        {
            new("m_payment_id", checkout.Value.Reference), new("pf_payment_id", Random.Shared.Next(1, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("payment_status", status), new("item_name", "Prepaid utilities"), new("amount_gross", grossOverride ?? amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)),
            new("amount_fee", "-4.00"), new("amount_net", "96.00"), new("merchant_id", "10000100"),
        };
        itn.Add(new("signature", PayFastSignature.SignItn(itn, Passphrase)));
        return (checkout.Value.Reference, itn);
    }

    private async Task<PaymentRejection> LastRejectionFor(string reference)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.PaymentRejections.Where(r => r.Reference == reference).OrderByDescending(r => r.Id).FirstAsync();
    }

    [Fact]
    public async Task ForgedSignature_IsRejected_WithTheReasonStored()
    {
        var (reference, itn) = await PendingWithItnAsync("SLF-A103", 100m);
        itn[^1] = new("signature", "0123456789abcdef0123456789abcdef");
        var outcome = await PayFast.ProcessItnAsync(itn, IPAddress.Loopback);
        Assert.False(outcome.Credited);
        Assert.Contains("forged or altered", (await LastRejectionFor(reference)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAmount_IsRejected()
    {
        var (reference, itn) = await PendingWithItnAsync("SLF-A103", 100m, grossOverride: "10.00");
        var outcome = await PayFast.ProcessItnAsync(itn, IPAddress.Loopback);
        Assert.False(outcome.Credited);
        Assert.Contains("amount_gross 10.00 does not match the pending payment of 100.00", (await LastRejectionFor(reference)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ItnFromAnAddressOffTheAllowList_IsRejected()
    {
        var (reference, itn) = await PendingWithItnAsync("SLF-A103", 100m);
        var outcome = await PayFast.ProcessItnAsync(itn, IPAddress.Parse("203.0.113.9"));
        Assert.False(outcome.Credited);
        Assert.Contains("203.0.113.9 is not on the PayFast allow-list", (await LastRejectionFor(reference)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelledPayment_CreditsNothing()
    {
        var unit = await UnitAsync("SLF-A105");
        var before = await BalanceAsync(unit, Pocket.Electricity);
        var (reference, itn) = await PendingWithItnAsync("SLF-A105", 100m, status: "CANCELLED");
        Assert.False((await PayFast.ProcessItnAsync(itn, IPAddress.Loopback)).Credited);
        Assert.Equal(before, await BalanceAsync(unit, Pocket.Electricity));
        Assert.Contains("not COMPLETE", (await LastRejectionFor(reference)).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorrectlySignedItn_ThatPayFastDoesNotConfirm_IsRejected()
    {
        var (reference, itn) = await PendingWithItnAsync("SLF-A103", 100m);
        var outcome = await PayFast.ProcessItnAsync(itn, IPAddress.Loopback);
        Assert.False(outcome.Credited);
        Assert.Contains("did not answer VALID", (await LastRejectionFor(reference)).Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    [InlineData(5)]
    public async Task ZeroNegativeOrTinyTopUps_AreRefusedBeforePayFastIsInvolved(decimal amount)
    {
        var unit = await UnitAsync("SLF-A103");
        var r = await PayFast.CreateCheckoutAsync(unit, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }, fixture.App.BaseUrl!, null);
        Assert.True(r.IsFailure);
    }
}
