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
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Statements;

namespace Quantify.Tests.Statements;

/// <summary>
/// A unit's November 2026 built through the real services: top-ups, readings billed by the real pipeline on an
/// inclining-block tariff, daily service charges from the fixed-charge service, a reversal and a December top-up.
/// The statement must carry the ledger's numbers to the cent.
/// </summary>
public class StatementServiceTests : IAsyncLifetime
{
    private const string Serial = "SN-STMT-1";
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private TariffDirectory directory = null!;
    private ReadingPipeline pipeline = null!;
    private StatementService statements = null!;
    private int estateId, unitId, walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        estateId = await w.EstateAsync("Silverleaf Estate");
        unitId = await w.UnitAsync(estateId, "A101");
        await w.MeterAsync(estateId, unitId, Serial);
        await w.OwnershipAsync(unitId, await w.PersonAsync("Pieter"));
        await w.TenancyAsync(unitId, await w.PersonAsync("Lindiwe"));
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        directory = new TariffDirectory();
        var rules = new TariffRules
        {
            Kind = TariffKind.InclineBlocks,
            Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }],
            FixedCharges = [new FixedCharge { Description = "Service charge", Amount = 3.50m, Per = ChargePer.Day }],
        };
        var created = await new TariffService(w.Db.Factory, directory, w.Db.Clock).CreateAsync(estateId, null, Utility.Electricity, "Residential blocks", new DateOnly(2026, 1, 1), rules);
        Assert.True(created.IsSuccess);
        var biller = new ConsumptionBiller(ledger, directory, NullLogger<ConsumptionBiller>.Instance);
        pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [biller], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        statements = new StatementService(w.Db.Factory, directory, w.Db.Clock);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static IncomingMessage Msg(DateTimeOffset at, decimal register, string serial = Serial) =>
        new(MessageSource.Http, "quantify/gateways/gw-1/readings",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readings = new[] { new { serial, register, timestamp = at.ToString("o") } } })), at.AddSeconds(5));

    private static DateTimeOffset Utc(int month, int day, int hour = 6) => new(2026, month, day, hour, 0, 0, TimeSpan.Zero);

    private async Task TopUpAsync(string key, DateOnly date, Pocket pocket, decimal amount) =>
        Assert.True((await ledger.PostAsync(new PostingRequest(key, TransactionType.TopUp, date, $"EFT deposit {key}",
            [new(AccountCode.Wallet(walletId, pocket), amount), new(AccountCode.Bank, -amount)]))).IsSuccess);

    /// <summary>The November the class comment describes.</summary>
    private async Task NovemberAsync()
    {
        await TopUpAsync("oct-topup", new DateOnly(2026, 10, 20), Pocket.Electricity, 500m);
        await TopUpAsync("nov-topup", new DateOnly(2026, 11, 3), Pocket.Electricity, 1000m);
        await TopUpAsync("nov-water", new DateOnly(2026, 11, 5), Pocket.Water, 150m);
        await pipeline.ProcessAsync([Msg(Utc(11, 2), 1000m), Msg(Utc(11, 3), 1300m)], default); // 300 kWh in block 1: R 750,00 + R 112,50 VAT
        await pipeline.ProcessAsync([Msg(Utc(11, 4), 1400m)], default);                       // 50 kWh block 1 + 50 kWh block 2: R 280,00 + R 42,00 VAT
        var fixedCharges = new FixedChargeService(w.Db.Factory, ledger, directory, w.Db.Clock);
        for (var day = 1; day <= 3; day++) await fixedCharges.PostForAsync(new DateOnly(2026, 11, day)); // R 3,50 a day; VAT 0,53 + 0,52 + 0,53
        await using (var db = w.Db.Create())
        {
            var third = await db.LedgerTransactions.Where(t => t.IdempotencyKey == $"fixed:{unitId}:Electricity:2026-11-03").Select(t => t.Id).SingleAsync();
            Assert.True((await ledger.ReverseAsync(third, "charged in error")).IsSuccess); // dated today, 20 November: +R 4,03
        }
        await TopUpAsync("dec-topup", new DateOnly(2026, 12, 5), Pocket.Electricity, 100m);
    }

    [Fact]
    public async Task November_CarriesTheLedgersNumbers_AndOpeningPlusMovementsIsClosing()
    {
        await NovemberAsync();

        var s = await statements.BuildAsync(unitId, 2026, 11);

        Assert.NotNull(s);
        Assert.Equal(("A101", "Silverleaf Estate", "November 2026"), (s.UnitNumber, s.EstateName, s.PeriodName));
        Assert.Equal((new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30)), (s.From, s.LastDay));
        Assert.Contains(s.Owners, o => o.StartsWith("Pieter", StringComparison.Ordinal));
        Assert.Contains(s.Tenants, t => t.StartsWith("Lindiwe", StringComparison.Ordinal));
        Assert.Equal([Pocket.Electricity, Pocket.Water], s.Pockets.Select(p => p.Pocket));

        var e = s.Pockets[0];
        Assert.Equal(500.00m, e.Opening);
        Assert.Equal(1000.00m, Assert.Single(e.TopUps).Amount);
        var c = e.Consumption!;
        Assert.Equal((400m, 2, "kWh"), (c.Quantity, c.Readings, c.Unit));
        Assert.Equal((1030.00m, 154.50m, 1184.50m), (c.ExclVat, c.Vat, c.InclVat));
        Assert.Equal(["Residential blocks (v1)"], c.Tariffs);
        Assert.Equal([Serial], c.Meters);
        Assert.NotNull(c.Breakdown);
        Assert.Equal([("Block 1 (≤350 kWh)", 350m, 875.00m), ("Block 2 (>350 kWh)", 50m, 155.00m)],
            c.Breakdown.Select(b => (b.Description, b.Quantity, b.ExclVat)));
        var charge = Assert.Single(e.Charges);
        Assert.Equal(("Service charge", 3, 10.50m, 1.58m, 12.08m), (charge.Description, charge.Count, charge.ExclVat, charge.Vat, charge.InclVat));
        var reversal = Assert.Single(e.Adjustments);
        Assert.Equal((TransactionType.Reversal, 4.03m, -0.53m), (reversal.Type, reversal.Amount, reversal.Vat));
        // 500 + 1 000 − 1 184,50 − 12,08 + 4,03; the December top-up is not in November's closing balance.
        Assert.Equal(307.45m, e.Closing);
        Assert.Equal(e.Closing, e.Opening + e.Movements);
        Assert.Equal(407.45m, (await ledger.BalancesAsync(unitId)).Single(b => b.Pocket == Pocket.Electricity).Balance);

        var water = s.Pockets[1];
        Assert.Equal((0m, 150m, 150m), (water.Opening, water.TopUpsTotal, water.Closing));
        Assert.Null(water.Consumption);

        Assert.Equal((500m, 1150m, 1184.50m, 12.08m, 4.03m, 457.45m), (s.Opening, s.TopUps, s.Consumption, s.Charges, s.Adjustments, s.Closing));
        Assert.Equal((1040.50m, 156.08m), (s.ExclVat, s.Vat));
        Assert.True(s.Reconciles);
    }

    [Fact]
    public async Task October_IsTheOpeningOfNovember_AndDecemberOpensWithNovembersClose()
    {
        await NovemberAsync();

        var october = (await statements.BuildAsync(unitId, 2026, 10))!;
        var november = (await statements.BuildAsync(unitId, 2026, 11))!;
        var december = (await statements.BuildAsync(unitId, 2026, 12))!;

        Assert.Equal((0m, 500m), (october.Opening, october.Closing));
        Assert.Equal(october.Closing, november.Opening);
        Assert.Equal(november.Closing, december.Opening);
        Assert.Equal(557.45m, december.Closing);
        Assert.True(october.Reconciles && november.Reconciles && december.Reconciles);
    }

    [Fact]
    public async Task AReadingSpanningTheMonthEdge_IsBilledInTheMonthItEnds_AndItsOctoberPartKeepsOctobersBlock()
    {
        // October reaches 340 kWh; the reading ending on 2 November covers 30 Oct 06:00 → 2 Nov 06:00 UTC, 40 of its
        // 72 hours in October (SAST): 33,333333 kWh at October's running total (10 in block 1, the rest in block 2).
        await pipeline.ProcessAsync([Msg(Utc(10, 20), 0m), Msg(Utc(10, 30), 340m)], default);
        await pipeline.ProcessAsync([Msg(Utc(11, 2), 400m), Msg(Utc(11, 3), 500m)], default);

        var s = (await statements.BuildAsync(unitId, 2026, 11))!;

        var c = s.Pockets.Single(p => p.Pocket == Pocket.Electricity).Consumption!;
        await using var db = w.Db.Create();
        var posted = (await db.LedgerTransactions.AsNoTracking().Include(t => t.Lines).Where(t => t.Type == TransactionType.Consumption).ToListAsync())
            .Where(t => t.ValueDate.Month == 11).SelectMany(t => t.Lines).Where(l => l.WalletId != null).Sum(l => -l.Amount);
        Assert.Equal((160m, 2), (c.Quantity, c.Readings));
        Assert.Equal(posted, c.InclVat);
        Assert.NotNull(c.Breakdown);
        Assert.Equal(c.ExclVat, c.Breakdown.Sum(b => b.ExclVat));
        Assert.Equal(c.Quantity, c.Breakdown.Sum(b => b.Quantity));
        // October's tail crossed into block 2 at October's running total; November's 126,666667 kWh start again in block 1.
        Assert.Equal(126.666667m + 10m, c.Breakdown.Where(b => b.Description.StartsWith("Block 1", StringComparison.Ordinal)).Sum(b => b.Quantity));
        Assert.Equal(23.333333m, c.Breakdown.Where(b => b.Description.StartsWith("Block 2", StringComparison.Ordinal)).Sum(b => b.Quantity));
        Assert.True(s.Reconciles);
    }

    [Fact]
    public async Task TimeOfUse_IsSplitByBand_AndTheSplitAddsUpToThePostings()
    {
        // Another estate on time-of-use: two-hourly readings from 31 Oct 12:00 UTC for four days. The reading at
        // 22:00 UTC is midnight SAST on 1 November, so its October hours are billed in November.
        var harbour = await w.EstateAsync("Harbour View");
        var unit = await w.UnitAsync(harbour, "101");
        await w.MeterAsync(harbour, unit, "SN-STMT-TOU");
        Assert.True((await new TariffService(w.Db.Factory, directory, w.Db.Clock).CreateAsync(harbour, null, Utility.Electricity, "Residential time-of-use",
            new DateOnly(2026, 1, 1), TariffRules.SampleTimeOfUse())).IsSuccess);
        var start = Utc(10, 31, 12);
        await pipeline.ProcessAsync(Enumerable.Range(0, 49).Select(i => Msg(start.AddHours(2 * i), 1.7m * i, "SN-STMT-TOU")).ToList(), default);

        var s = (await statements.BuildAsync(unit, 2026, 11))!;

        var c = s.Pockets.Single(p => p.Pocket == Pocket.Electricity).Consumption!;
        Assert.Equal((1.7m * 44, 44), (c.Quantity, c.Readings)); // the 44 readings from 31 Oct 22:00 UTC (1 Nov 00:00 SAST) to 4 Nov 12:00 UTC
        Assert.NotNull(c.Breakdown);
        Assert.Equal(c.ExclVat, c.Breakdown.Sum(b => b.ExclVat));
        Assert.Equal(c.Quantity, c.Breakdown.Sum(b => b.Quantity));
        Assert.Contains(c.Breakdown, b => b.Description.StartsWith("Peak", StringComparison.Ordinal));
        Assert.Contains(c.Breakdown, b => b.Description.StartsWith("Off-peak", StringComparison.Ordinal));
        Assert.Equal(["Residential time-of-use (v1)"], c.Tariffs);
    }

    [Fact]
    public async Task AnUnknownUnit_HasNoStatement_AndAUnitWithoutAWallet_HasNoPockets()
    {
        Assert.Null(await statements.BuildAsync(999_999, 2026, 11));
        var bare = await w.UnitAsync(estateId, "A102");
        var s = await statements.BuildAsync(bare, 2026, 11);
        Assert.NotNull(s);
        Assert.Empty(s.Pockets);
        Assert.True(s.Reconciles);
    }

    [Fact]
    public async Task ThePdf_ShowsTheUnitMonthAmountsVatAndClosingBalance()
    {
        await NovemberAsync();
        var s = (await statements.BuildAsync(unitId, 2026, 11))!;

        var pdf = StatementPdf.Render(s);

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = PdfText.Of(pdf);
        Assert.Contains("Unit A101", text, StringComparison.Ordinal);
        Assert.Contains("Silverleaf Estate", text, StringComparison.Ordinal);
        Assert.Contains("November 2026", text, StringComparison.Ordinal);
        Assert.Contains("R 1 000,00", text, StringComparison.Ordinal);      // the top-up
        Assert.Contains("R 1 184,50", text, StringComparison.Ordinal);      // consumption incl VAT
        Assert.Contains("R 154,50", text, StringComparison.Ordinal);        // its VAT, shown separately
        Assert.Contains("Block 2 (>350 kWh)", text, StringComparison.Ordinal);
        Assert.Contains("Closing balance R 307,45", text, StringComparison.Ordinal);
        Assert.Contains("Page 1 of ", text, StringComparison.Ordinal);
    }
}
