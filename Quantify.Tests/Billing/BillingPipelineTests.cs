using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Billing;

/// <summary>Readings through the real pipeline are priced by the estate's tariff and debited from the unit's pocket, exactly once.</summary>
public class BillingPipelineTests : IAsyncLifetime
{
    private const string Serial = "SN-BILL-1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private TariffService tariffs = null!;
    private ReadingPipeline pipeline = null!;
    private int estateId, unitId, meterId, walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(T0.AddDays(40));
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, Serial);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        var directory = new TariffDirectory();
        tariffs = new TariffService(w.Db.Factory, directory, w.Db.Clock);
        var biller = new ConsumptionBiller(ledger, directory, NullLogger<ConsumptionBiller>.Instance);
        pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [biller], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private Task TariffAsync(TariffRules rules) =>
        tariffs.CreateAsync(estateId, null, Utility.Electricity, "Test electricity", new DateOnly(2026, 1, 1), rules).ContinueWith(t => Assert.True(t.Result.IsSuccess), TaskScheduler.Default);

    private static IncomingMessage Msg(DateTimeOffset at, decimal register, string? id = null) =>
        new(MessageSource.Http, "quantify/gateways/gw-1/readings",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readings = new[] { new { serial = Serial, register, timestamp = at.ToString("o") } } })), at.AddSeconds(5), id);

    private async Task<decimal> ElectricityAsync() => (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Pocket.Electricity).Balance;

    private async Task<List<LedgerTransaction>> ConsumptionPostingsAsync()
    {
        await using var db = w.Db.Create();
        return await db.LedgerTransactions.AsNoTracking().Include(t => t.Lines).Where(t => t.Type == TransactionType.Consumption).ToListAsync();
    }

    [Fact]
    public async Task AReading_IsPricedAndDebited_WithRevenueAndVatCredited()
    {
        await TariffAsync(TariffRules.Flat(2.00m));
        await pipeline.ProcessAsync([Msg(T0, 100m), Msg(T0.AddHours(1), 110m)], default);

        Assert.Equal(-23.00m, await ElectricityAsync()); // 10 kWh × R2,00 = R20,00 + 15% VAT R3,00
        var posting = Assert.Single(await ConsumptionPostingsAsync());
        Assert.StartsWith("reading:", posting.IdempotencyKey);
        Assert.Equal(0m, posting.Lines.Sum(l => l.Amount));
        await using var db = w.Db.Create();
        var accounts = await db.LedgerAccounts.AsNoTracking().ToDictionaryAsync(a => a.Code, a => a.Balance);
        Assert.Equal(20.00m, accounts[AccountCode.Revenue(estateId, Pocket.Electricity).ToString()]);
        Assert.Equal(3.00m, accounts[AccountCode.VatOutput.ToString()]);
        var billed = await db.MeterReadings.AsNoTracking().SingleAsync(r => r.Status == ReadingStatus.Billed);
        Assert.Equal(23.00m, billed.Amount);
    }

    [Fact]
    public async Task TheSameReadingDeliveredThreeTimes_IsDebitedOnce()
    {
        await TariffAsync(TariffRules.Flat(2.00m));
        await pipeline.ProcessAsync([Msg(T0, 100m)], default);
        var m = Msg(T0.AddHours(1), 105m);
        await pipeline.ProcessAsync([m, m], default);
        await pipeline.ProcessAsync([m], default);

        Assert.Single(await ConsumptionPostingsAsync());
        Assert.Equal(-11.50m, await ElectricityAsync());
    }

    [Fact]
    public async Task ReadingsAccumulateThroughTheMonth_AndTheOneCrossing350kWh_IsSplitAcrossBlocks()
    {
        await TariffAsync(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }] });
        await pipeline.ProcessAsync([Msg(T0, 0m), Msg(T0.AddDays(1), 300m)], default); // 300 kWh in block 1: R750
        await pipeline.ProcessAsync([Msg(T0.AddDays(2), 400m)], default);             // 50 in block 1 + 50 in block 2: R125 + R155

        var postings = await ConsumptionPostingsAsync();
        Assert.Equal(2, postings.Count);
        // Excl. VAT 750 + 280 = 1 030; incl. 15% VAT = 1 184,50.
        Assert.Equal(-1184.50m, await ElectricityAsync());
        Assert.Equal("Electricity 100 kWh (Block 1 (≤350 kWh), Block 2 (>350 kWh))", postings.OrderBy(p => p.Id).Last().Description);
    }

    [Fact]
    public async Task BlocksResetOnTheFirst_SoDecemberStartsInBlockOneAgain()
    {
        await TariffAsync(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }] });
        var nov30 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await pipeline.ProcessAsync([Msg(nov30.AddDays(-20), 0m), Msg(nov30, 400m)], default);   // Nov: 350 × 2,50 + 50 × 3,10 = 1 030
        await pipeline.ProcessAsync([Msg(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero), 500m)], default); // 100 kWh over 2 days

        // The last reading spans 30 Nov 12:00 → 2 Dec 12:00 SAST-ish: a quarter falls in November (block 2), the rest in December (block 1).
        var dec = (await ConsumptionPostingsAsync()).OrderBy(p => p.Id).Last();
        Assert.Equal("Electricity 100 kWh (Block 2 (>350 kWh), Block 1 (≤350 kWh))", dec.Description);
        Assert.True(await ElectricityAsync() < -1184.50m);
    }

    [Fact]
    public async Task AReadingAcrossTheMonthEnd_InBlockOneOnBothSides_NamesTheBlockOnce()
    {
        await TariffAsync(new TariffRules { Kind = TariffKind.InclineBlocks, Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }] });
        var nov30 = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
        await pipeline.ProcessAsync([Msg(nov30, 0m)], default);
        await pipeline.ProcessAsync([Msg(nov30.AddDays(2), 100m)], default); // a line for November's part and one for December's

        Assert.Equal("Electricity 100 kWh (Block 1 (≤350 kWh))", Assert.Single(await ConsumptionPostingsAsync()).Description);
    }

    [Fact]
    public async Task WithoutATariff_ReadingsAreStoredUnbilled_AndOneAlertSaysWhy()
    {
        await pipeline.ProcessAsync([Msg(T0, 100m), Msg(T0.AddHours(1), 110m)], default);
        await pipeline.ProcessAsync([Msg(T0.AddHours(2), 120m)], default);

        Assert.Empty(await ConsumptionPostingsAsync());
        Assert.Equal(0m, await ElectricityAsync());
        await using var db = w.Db.Create();
        Assert.Equal(3, await db.MeterReadings.CountAsync());
        Assert.Single(await db.MeterAlerts.Where(a => a.MeterId == meterId && a.Message.Contains("No electricity tariff")).ToListAsync());
    }

    [Fact]
    public async Task ConsumptionThatExhaustsTheWallet_LeadsCreditControlToDisconnect()
    {
        await TariffAsync(TariffRules.Flat(2.00m));
        await ledger.PostAsync(new PostingRequest("top", TransactionType.TopUp, w.Today, "top-up",
            [new(AccountCode.Wallet(walletId, Pocket.Electricity), 30m), new(AccountCode.PayFastClearing, -30m)]));
        var credit = new CreditControlService(w.Db.Factory, w.Db.Clock, new CommandSignal(), NullLogger<CreditControlService>.Instance);
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 14, 8, 0, 0, TimeSpan.Zero)); // a Monday, 10:00 SAST

        await pipeline.ProcessAsync([Msg(T0, 100m), Msg(T0.AddHours(1), 110m)], default); // R23 of R30 used
        Assert.Equal(0, (await credit.EvaluateAsync([unitId])).Disconnections);
        await pipeline.ProcessAsync([Msg(T0.AddHours(2), 115m)], default);                 // R11,50 more: R-4,50
        Assert.Equal(1, (await credit.EvaluateAsync([unitId])).Disconnections);
        Assert.Equal(-4.50m, await ElectricityAsync());
    }

    [Fact]
    public async Task AfterBatchBilling_TheWalletChainStillVerifies()
    {
        await TariffAsync(TariffRules.SampleElectricityBlocks());
        var batch = Enumerable.Range(0, 200).Select(i => Msg(T0.AddMinutes(15 * i), 1000m + i * 0.337m)).ToList();
        await pipeline.ProcessAsync(batch, default);
        var verification = await new LedgerVerifier(w.Db.Factory).VerifyAsync(walletId);
        Assert.True(verification.IsValid, verification.Summary);
        Assert.Equal(199, (await ConsumptionPostingsAsync()).Count);
    }

    [Fact]
    public async Task DailyFixedCharges_ArePostedOncePerUnitAndDay_WithVat()
    {
        await TariffAsync(TariffRules.Flat(2.00m) with { FixedCharges = [new FixedCharge { Description = "Service charge", Amount = 3.50m, Per = ChargePer.Day }] });
        var fixedCharges = new FixedChargeService(w.Db.Factory, ledger, new TariffDirectory(), w.Db.Clock);
        var day = new DateOnly(2026, 11, 10);

        var first = await fixedCharges.PostForAsync(day);
        var again = await fixedCharges.PostForAsync(day);

        Assert.Equal((1, 0), (first.Posted, first.AlreadyPosted));
        Assert.Equal((0, 1), (again.Posted, again.AlreadyPosted));
        // VAT is rounded cumulatively over the month so the month adds up: day 10 carries round(10 × 0,525) − round(9 × 0,525) = 5,25 − 4,73 = R0,52.
        Assert.Equal(-4.02m, await ElectricityAsync());
    }
}
