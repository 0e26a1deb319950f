using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// Starting a PayFast top-up, rule by rule (no web host): the limits (R10 to R20 000, whole cents, no negative part),
/// PayFast switched off, an archived unit, and the signed form a payer's browser posts to PayFast (fields, values,
/// order and signature as PayFast documents the checkout form).
/// </summary>
public class PayFastCheckoutRulesTests : IAsyncLifetime
{
    private const string Base = "https://quantify.example";
    private MasterDataWorld w = null!;
    private int unitId;
    private PayFastOptions options = new();

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        unitId = await w.UnitAsync(await w.EstateAsync("Silver Leaf"), "A101");
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private PayFastService Service() => new(w.Db.Factory, new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks()), options, null!,
        null!, w.Db.Clock, NullLogger<PayFastService>.Instance);

    private Task<Result<PayFastCheckout>> StartAsync(params (Pocket Pocket, decimal Amount)[] split) =>
        Service().CreateCheckoutAsync(unitId, split.ToDictionary(s => s.Pocket, s => s.Amount), Base, null);

    [Theory]
    [InlineData(10)]
    [InlineData(20000)]
    public async Task TheSmallestAndLargestTopUps_Start(decimal amount) => Assert.True((await StartAsync((Pocket.Electricity, amount))).IsSuccess);

    [Theory]
    [InlineData(9.99)]
    [InlineData(20000.01)]
    [InlineData(0)]
    public async Task ATopUpOutsideTheLimits_IsRefused_SayingTheLimits(decimal amount)
    {
        var r = await StartAsync((Pocket.Electricity, amount));
        var e = Assert.Single(r.Errors);
        Assert.Equal(("bad_amount", "Amount"), (e.Code, e.Field));
        Assert.Equal($"A top-up must be between {Money.Format(10m)} and {Money.Format(20000m)}; this one is {Money.Format(amount)}.", e.Message);
    }

    [Fact]
    public async Task ANegativeOrFractionalCentPart_IsRefused_EvenWhenTheTotalIsFine()
    {
        foreach (var split in new[] { new[] { (Pocket.Electricity, 150m), (Pocket.Water, -50m) }, [(Pocket.Electricity, 99.995m), (Pocket.Water, 0.005m)] })
        {
            var e = Assert.Single((await StartAsync(split)).Errors);
            Assert.Equal(("bad_split", "Each pocket's amount must be zero or more, in whole cents.", "Allocation"), (e.Code, e.Message, e.Field));
        }
        Assert.True((await StartAsync((Pocket.Electricity, 100m), (Pocket.Water, 0m))).IsSuccess);
    }

    [Fact]
    public async Task WithPayFastOff_NothingStarts()
    {
        options = new PayFastOptions { Enabled = false };
        var e = Assert.Single((await StartAsync((Pocket.Electricity, 100m))).Errors);
        Assert.Equal(("payfast_off", "Card and instant-EFT top-ups are switched off here (PayFast:Enabled)."), (e.Code, e.Message));
        await using var db = w.Db.Create();
        Assert.Empty(await db.Payments.ToListAsync());
    }

    [Fact]
    public async Task AnArchivedOrUnknownUnit_CannotBeToppedUp()
    {
        var r = await Service().CreateCheckoutAsync(987654, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 50m }, Base, null);
        Assert.Equal(("unknown_unit", "Unit #987654 does not exist or is archived."), (r.Errors[0].Code, r.Errors[0].Message));
        await using (var db = w.Db.Create())
        {
            var unit = await db.Units.SingleAsync(u => u.Id == unitId);
            unit.Archive(w.Db.Clock.GetUtcNow(), "Merged with A102");
            await db.SaveChangesAsync();
        }
        Assert.Equal("unknown_unit", (await StartAsync((Pocket.Electricity, 50m))).Errors[0].Code);
    }

    [Fact]
    public async Task AGroupWithNoWallets_CannotBeToppedUp()
    {
        var r = await Service().CreateGroupCheckoutAsync(1, [], Base, null);
        Assert.Equal(("bad_split", "The group has no wallets to top up.", "Allocation"), (r.Errors[0].Code, r.Errors[0].Message, r.Errors[0].Field));
        var bad = await Service().CreateGroupCheckoutAsync(1, [(unitId, 60m), (unitId, -10m)], Base, null);
        Assert.Equal("Each wallet's part must be zero or more, in whole cents.", bad.Errors[0].Message);
    }

    [Fact]
    public async Task TheForm_CarriesPayFastsFieldsInTheDocumentedOrder_SignedWithThePassphrase_AndThePaymentWaits()
    {
        options = new PayFastOptions { MerchantId = "10293847", MerchantKey = "k3x9q2m7w1z8v", Passphrase = "salt and pepper", ProcessUrl = "https://sandbox.payfast.co.za/eng/process" };

        var checkout = (await Service().CreateCheckoutAsync(unitId, new Dictionary<Pocket, decimal> { [Pocket.Water] = 30m, [Pocket.Electricity] = 120.5m }, Base, "t@example.com")).Value;

        Assert.Equal("https://sandbox.payfast.co.za/eng/process", checkout.ProcessUrl);
        Assert.Matches("^QP-[0-9]{6}-[0-9A-F]{8}$", checkout.Reference);
        Assert.Equal($"QP-{w.Db.Clock.GetUtcNow():yyMMdd}-", checkout.Reference[..10]);
        var r = checkout.Reference;
        Assert.Equal(
        [
            new("merchant_id", "10293847"), new("merchant_key", "k3x9q2m7w1z8v"),
            new("return_url", $"{Base}/tenant/wallet?paid={r}"), new("cancel_url", $"{Base}/tenant/wallet?cancelled={r}"),
            new("notify_url", $"{Base}/api/payments/payfast/itn"), new("email_address", "t@example.com"), new("m_payment_id", r),
            new("amount", "150.50"), new("item_name", "Prepaid utilities Silver Leaf A101"),
        ], checkout.Fields.SkipLast(1));
        Assert.Equal(new KeyValuePair<string, string>("signature", PayFastSignature.SignForm(checkout.Fields.SkipLast(1), "salt and pepper")), checkout.Fields[^1]);

        await using var db = w.Db.Create();
        var pending = await db.Payments.SingleAsync(p => p.Reference == r);
        Assert.Equal((unitId, 150.5m, "Electricity=120.50;Water=30.00", PaymentStatus.Pending, w.Db.Clock.GetUtcNow(), (int?)null),
            (pending.UnitId, pending.Amount, pending.Allocation, pending.Status, pending.CreatedAt, pending.WalletGroupId));
    }

    [Fact]
    public async Task TheForm_LeavesOutABlankEmail_AndSendsThePayerToTheLocalStandInByDefault()
    {
        var checkout = (await StartAsync((Pocket.Electricity, 100m))).Value;

        Assert.Equal($"{Base}/payfast-standin/eng/process", checkout.ProcessUrl);
        Assert.DoesNotContain(checkout.Fields, f => f.Key == "email_address");
        Assert.Equal("100.00", checkout.Fields.Single(f => f.Key == "amount").Value);
    }
}
