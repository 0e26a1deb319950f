using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Ledger;
using Quantify.Tests.Payments;
using Quantify.Web.Data;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Trust;

/// <summary>
/// PayFast keeps its fee and reports it in each ITN as <c>amount_fee</c> (negative), with <c>amount_net</c> = gross + fee.
/// Vectors fixed by hand from PayFast's own transaction-history example (developers.payfast.co.za/api, "Transaction
/// History" CSV): gross 500.00, fee -24.73, net 475.27; gross 100.00, fee -6.79, net 93.21.
/// </summary>
public class PayFastFeeTests(PayFastFixture fixture) : IClassFixture<PayFastFixture>
{
    [Theory]
    [InlineData("-24.73", "500.00", "24.73")]
    [InlineData("-6.79", "100.00", "6.79")]
    [InlineData("", "100.00", "0")]       // no fee field: nothing booked
    [InlineData("0.00", "100.00", "0")]
    public void TheFee_IsReadFromAmountFee_AsAPositiveRandAmount(string amountFee, string gross, string expected) =>
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), PayFastService.Fee(amountFee, decimal.Parse(gross, CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("24.73")]   // PayFast sends fees negative: a positive fee would be money PayFast gave us
    [InlineData("-500.01")] // more than the gross
    [InlineData("-1.005")]  // fractions of a cent
    [InlineData("R-2")]
    [InlineData("-1e2")]
    public void AFeeThatPayFastWouldNotSend_IsRefused(string amountFee) => Assert.Null(PayFastService.Fee(amountFee, 500m));

    [Fact]
    public void ThePostingOfPayFastsExample_CreditsTheGross_DebitsClearingTheNet_AndTheEstateTheFee()
    {
        var r = Postings.PayFastTopUp("994209", "QP-1", 7, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 500m }, new DateOnly(2020, 2, 27), 24.73m, 3);
        Assert.Equal(500m, r.Lines.Single(l => l.Account == AccountCode.Wallet(7, Pocket.Electricity)).Amount);
        Assert.Equal(-475.27m, r.Lines.Single(l => l.Account == AccountCode.PayFastClearing).Amount);
        Assert.Equal(-24.73m, r.Lines.Single(l => l.Account == AccountCode.EstateGatewayFees(3)).Amount);
        Assert.Equal("payfast:994209", r.IdempotencyKey);
    }

    [Fact]
    public async Task APaymentThroughPayFast_BooksItsFeeToTheEstate_Once_EvenWhenTheItnIsReplayed_AndAForgedFeeIsRejected()
    {
        var app = fixture.App;
        var factory = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        int unit, estate;
        await using (var db = await factory.CreateDbContextAsync())
            (unit, estate) = await db.Units.Where(u => u.PaymentReference == "SLF-A103").Select(u => ValueTuple.Create(u.Id, u.EstateId)).SingleAsync();
        var feesCode = AccountCode.EstateGatewayFees(estate).ToString();
        async Task<decimal> FeesAsync()
        {
            await using var db = await factory.CreateDbContextAsync();
            return (await db.LedgerLines.Where(l => db.LedgerAccounts.Any(a => a.Id == l.AccountId && a.Code == feesCode)).Select(l => l.Amount).ToListAsync()).Sum();
        }
        var before = await FeesAsync();

        var checkout = await app.Services.GetRequiredService<PayFastService>().CreateCheckoutAsync(unit, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 200m }, app.BaseUrl!, null);
        Assert.True(checkout.IsSuccess);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl!) };
        var pay = await browser.PostAsync("/payfast-standin/eng/pay", new FormUrlEncodedContent(checkout.Value.Fields.Append(new("outcome", "COMPLETE"))));
        Assert.Equal(HttpStatusCode.Redirect, pay.StatusCode);
        var itn = app.Services.GetRequiredService<PayFastStandIn>().LastItnBody!;
        var fields = itn.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        var fee = -decimal.Parse(fields["amount_fee"], CultureInfo.InvariantCulture);
        Assert.True(fee > 0);
        Assert.Equal(before - fee, await FeesAsync());

        // PayFast re-sends an ITN until it is answered; the fee is keyed on pf_payment_id with the payment.
        var replay = await browser.PostAsync("/api/payments/payfast/itn", new StringContent(itn, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(before - fee, await FeesAsync());

        // A forged copy with a different fee (and a new pf_payment_id) fails the signature: nothing booked.
        var forged = itn.Replace("amount_fee=" + fields["amount_fee"], "amount_fee=-0.01", StringComparison.Ordinal)
            .Replace("pf_payment_id=" + fields["pf_payment_id"], "pf_payment_id=1", StringComparison.Ordinal);
        await browser.PostAsync("/api/payments/payfast/itn", new StringContent(forged, Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.Equal(before - fee, await FeesAsync());
        await using (var db = await factory.CreateDbContextAsync())
            Assert.Equal(1, await db.LedgerTransactions.CountAsync(t => t.IdempotencyKey == "payfast:" + fields["pf_payment_id"]));
    }
}
