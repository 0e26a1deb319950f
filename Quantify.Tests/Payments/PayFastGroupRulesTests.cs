using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Common;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// PayFast payments that go through the top-up gates (shared-wallet caps) and payments for a wallet group (docs/family.md),
/// rule by rule against a SQLite file (no web host): which parts the gates are asked about, what the form and the pending
/// payment carry for a group, and how a group's ITN credits each member wallet by its own estate's default rule and books
/// PayFast's fee once.
/// </summary>
public class PayFastGroupRulesTests : IAsyncLifetime
{
    private const string Base = "https://quantify.example";
    private const string Passphrase = "jt7NOE43FZPn";
    private static readonly IPAddress PayFastAddress = IPAddress.Parse("197.97.145.150");

    private MasterDataWorld w = null!;
    private int estateA, estateB, unitA, unitB, unitC, groupId;
    private readonly RecordingGate gate = new();
    private readonly FakePayFast payfast = new();
    private readonly PayFastOptions options = new()
    {
        Passphrase = Passphrase, ValidateUrl = "https://sandbox.payfast.co.za/eng/query/validate", AllowedIps = ["197.97.145.144/28"],
    };

    private sealed class RecordingGate : ITopUpGate
    {
        public List<(int UnitId, decimal Amount, string? UserId)> Asked { get; } = [];
        public int? RefuseUnit { get; set; }

        public Task<Error?> CheckAsync(int unitId, decimal amount, string? userId, CancellationToken ct)
        {
            Asked.Add((unitId, amount, userId));
            return Task.FromResult(unitId == RefuseUnit ? new Error("cap_reached", "The tenant's cap of R500,00 a month is reached.", "Amount") : null);
        }
    }

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateA = await w.EstateAsync("Silver Leaf");
        estateB = await w.EstateAsync("Blue Gum");
        unitA = await w.UnitAsync(estateA, "A101");
        unitB = await w.UnitAsync(estateB, "B7");
        unitC = await w.UnitAsync(estateA, "A102");
        var payer = await w.PersonAsync("Ayanda");
        await using var db = w.Db.Create();
        (await db.EstateSettings.SingleAsync(s => s.EstateId == estateB)).DefaultElectricitySharePercent = 60m;
        var group = WalletGroup.Create(payer, "My flats", SplitRule.Evenly).Value;
        db.Add(group);
        await db.SaveChangesAsync();
        groupId = group.Id;
    }

    public async Task DisposeAsync()
    {
        payfast.Dispose();
        await w.DisposeAsync();
    }

    private PayFastService Service(bool gated = true) =>
        new(w.Db.Factory, new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks()), options, payfast, new PayFastValidateAddress(options, null!), w.Db.Clock,
            NullLogger<PayFastService>.Instance, gated ? [gate] : null);

    [Fact]
    public async Task ASingleTopUp_IsRefusedWithTheGatesOwnError_AfterTheLimitsAreChecked()
    {
        var tooSmall = await Service().CreateCheckoutAsync(unitA, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 5m }, Base, null);
        Assert.Equal("bad_amount", tooSmall.Errors[0].Code);
        Assert.Empty(gate.Asked); // the limits come first: a gate is never asked about an amount that cannot be paid

        gate.RefuseUnit = unitA;
        var refused = await Service().CreateCheckoutAsync(unitA, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = 70m, [Pocket.Water] = 30m }, Base, null);

        Assert.Equal(("cap_reached", "The tenant's cap of R500,00 a month is reached.", "Amount"), (refused.Errors[0].Code, refused.Errors[0].Message, refused.Errors[0].Field));
        Assert.Equal([(unitA, 100m, (string?)null)], gate.Asked);
        await using var db = w.Db.Create();
        Assert.Empty(await db.Payments.ToListAsync());
    }

    [Fact]
    public async Task AGroupCheckout_AsksTheGatesAboutEachPaidPart_AndNamesTheUnitItRefuses()
    {
        gate.RefuseUnit = unitC;

        var refused = await Service().CreateGroupCheckoutAsync(groupId, [(unitA, 100m), (unitB, 0m), (unitC, 50m)], Base, null);

        Assert.Equal(("cap_reached", $"Unit #{unitC}: The tenant's cap of R500,00 a month is reached."), (refused.Errors[0].Code, refused.Errors[0].Message));
        Assert.Equal([(unitA, 100m, (string?)null), (unitC, 50m, (string?)null)], gate.Asked); // a part of nothing is not a top-up
        await using var db = w.Db.Create();
        Assert.Empty(await db.Payments.ToListAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)] // no top-up gates registered at all
    public async Task AGroupCheckout_ReturnsThePayerToTheGroup_AndThePaymentWaitsWithItsPaidParts(bool gated)
    {
        var checkout = (await Service(gated).CreateGroupCheckoutAsync(groupId, [(unitA, 100m), (unitB, 0m), (unitC, 50.25m)], Base, "p@example.com")).Value;

        var r = checkout.Reference;
        var fields = checkout.Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal($"{Base}/family/groups/{groupId}?paid={r}", fields["return_url"]);
        Assert.Equal($"{Base}/family/groups/{groupId}?cancelled={r}", fields["cancel_url"]);
        Assert.Equal("Prepaid utilities, several units", fields["item_name"]);
        Assert.Equal("150.25", fields["amount"]);
        await using var db = w.Db.Create();
        var pending = await db.Payments.SingleAsync(p => p.Reference == r);
        Assert.Equal((unitA, 150.25m, "", (int?)groupId, $"{unitA}=100.00;{unitC}=50.25", PaymentStatus.Pending),
            (pending.UnitId, pending.Amount, pending.Allocation, pending.WalletGroupId, pending.GroupAllocation, pending.Status));
    }

    [Theory]
    [InlineData("-3.45", "146.55")]
    [InlineData("0.00", "150.00")] // no fee: nothing booked to gateway fees
    public async Task AGroupItn_CreditsEachWalletByItsEstatesDefaultRule_AndBooksPayFastsFeeOnce(string amountFee, string amountNet)
    {
        var reference = (await Service().CreateGroupCheckoutAsync(groupId, [(unitA, 100m), (unitB, 50m)], Base, null)).Value.Reference;
        List<KeyValuePair<string, string>> itn =
        [
            new("m_payment_id", reference), new("pf_payment_id", "2201456"), new("payment_status", "COMPLETE"), new("item_name", "Prepaid utilities, several units"),
            new("item_description", ""), new("amount_gross", "150.00"), new("amount_fee", amountFee), new("amount_net", amountNet),
            new("custom_str1", ""), new("name_first", "Ayanda"), new("name_last", "Dlamini"), new("email_address", "ayanda@example.co.za"),
            new("merchant_id", options.MerchantId),
        ];
        itn.Add(new("signature", PayFastSignature.SignItn(itn, Passphrase)));

        var outcome = await Service().ProcessItnAsync(itn, PayFastAddress);
        var replay = await Service().ProcessItnAsync(itn, PayFastAddress);

        Assert.True(outcome.Credited, outcome.Reason);
        Assert.False(replay.Credited);
        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        // Silver Leaf keeps the default 80 % to electricity; Blue Gum gives 60 %.
        Assert.Equal([(Pocket.Electricity, 80m), (Pocket.Water, 20m)], (await ledger.BalancesAsync(unitA)).Where(b => b.Balance != 0).Select(b => (b.Pocket, b.Balance)));
        Assert.Equal([(Pocket.Electricity, 30m), (Pocket.Water, 20m)], (await ledger.BalancesAsync(unitB)).Where(b => b.Balance != 0).Select(b => (b.Pocket, b.Balance)));
        var fee = -decimal.Parse(amountFee, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(-fee, await w.AccountBalanceAsync(AccountCode.EstateGatewayFees(estateA)));
        Assert.Equal(-150m + fee, await w.AccountBalanceAsync(AccountCode.PayFastClearing));
        await using var db = w.Db.Create();
        var paid = await db.Payments.AsNoTracking().SingleAsync(p => p.Reference == reference);
        Assert.Equal((PaymentStatus.Completed, "2201456"), (paid.Status, paid.PfPaymentId));
        var feeBookings = await db.LedgerTransactions.AsNoTracking().Where(t => t.Type == TransactionType.Fee).Select(t => t.Description).ToListAsync();
        Assert.Equal(fee == 0 ? [] : ["PayFast fee (pf 2201456)"], feeBookings);
    }
}
