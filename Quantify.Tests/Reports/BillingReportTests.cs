using System.Text;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Tests.Statements;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Reports;

namespace Quantify.Tests.Reports;

/// <summary>
/// November 2026 of one unit built through the real services (the statement tests' month): top-ups, readings billed by
/// the pipeline on an inclining-block tariff, daily service charges, a reversal, a refund and a December top-up. The
/// consumption and financial reports must carry the ledger's numbers to the cent, in JSON, CSV, XLSX and PDF.
/// </summary>
public class BillingReportTests : IAsyncLifetime
{
    private const string Serial = "SN-RPT-1";
    private static readonly ReportPeriod November = new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private TariffDirectory directory = null!;
    private ReadingPipeline pipeline = null!;
    private BillingReportService reports = null!;
    private int estateId, unitId, walletId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        estateId = await w.EstateAsync("Report Estate");
        unitId = await w.UnitAsync(estateId, "C301");
        await w.UnitAsync(estateId, "C302"); // no wallet activity: not listed
        await w.MeterAsync(estateId, unitId, Serial);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        directory = new TariffDirectory();
        var rules = new TariffRules
        {
            Kind = TariffKind.InclineBlocks,
            Blocks = [new() { UpTo = 350m, Rate = 2.50m }, new() { UpTo = null, Rate = 3.10m }],
            FixedCharges = [new FixedCharge { Description = "Service charge", Amount = 3.50m, Per = ChargePer.Day }],
        };
        Assert.True((await new TariffService(w.Db.Factory, directory, w.Db.Clock).CreateAsync(estateId, null, Utility.Electricity, "Residential blocks", new DateOnly(2026, 1, 1), rules)).IsSuccess);
        var biller = new ConsumptionBiller(ledger, directory, NullLogger<ConsumptionBiller>.Instance);
        pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [biller], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        reports = new BillingReportService(w.Db.Factory, w.Db.Clock);
        await NovemberAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static IncomingMessage Msg(DateTimeOffset at, decimal register) =>
        new(MessageSource.Http, "quantify/gateways/gw-1/readings",
            Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { readings = new[] { new { serial = Serial, register, timestamp = at.ToString("o") } } })), at.AddSeconds(5));

    private static DateTimeOffset Utc(int month, int day) => new(2026, month, day, 6, 0, 0, TimeSpan.Zero);

    private async Task PostAsync(string key, TransactionType type, DateOnly date, Pocket pocket, decimal amount, AccountCode other) =>
        Assert.True((await ledger.PostAsync(new PostingRequest(key, type, date, key,
            [new(AccountCode.Wallet(walletId, pocket), amount), new(other, -amount)]))).IsSuccess);

    private async Task NovemberAsync()
    {
        await PostAsync("oct-topup", TransactionType.TopUp, new DateOnly(2026, 10, 20), Pocket.Electricity, 500m, AccountCode.Bank);
        await PostAsync("nov-topup", TransactionType.TopUp, new DateOnly(2026, 11, 3), Pocket.Electricity, 1000m, AccountCode.Bank);
        await PostAsync("nov-water", TransactionType.TopUp, new DateOnly(2026, 11, 5), Pocket.Water, 150m, AccountCode.Bank);
        await pipeline.ProcessAsync([Msg(Utc(11, 2), 1000m), Msg(Utc(11, 3), 1300m)], default); // 300 kWh: R 750,00 + R 112,50 VAT
        await pipeline.ProcessAsync([Msg(Utc(11, 4), 1400m)], default);                       // 100 kWh: R 280,00 + R 42,00 VAT
        var fixedCharges = new FixedChargeService(w.Db.Factory, ledger, directory, w.Db.Clock);
        for (var day = 1; day <= 3; day++) await fixedCharges.PostForAsync(new DateOnly(2026, 11, day)); // R 4,03 + R 4,02 + R 4,03 (VAT 0,53 + 0,52 + 0,53)
        await using (var db = w.Db.Create())
        {
            var third = await db.LedgerTransactions.Where(t => t.IdempotencyKey == $"fixed:{unitId}:Electricity:2026-11-03").Select(t => t.Id).SingleAsync();
            Assert.True((await ledger.ReverseAsync(third, "charged in error")).IsSuccess); // +R 4,03, VAT -0,53
        }
        await PostAsync("nov-refund", TransactionType.Refund, new DateOnly(2026, 11, 25), Pocket.Water, -50m, AccountCode.RefundsPayable);
        await PostAsync("dec-topup", TransactionType.TopUp, new DateOnly(2026, 12, 5), Pocket.Electricity, 100m, AccountCode.Bank);
    }

    [Fact]
    public async Task Financial_CarriesTheLedgersNumbers_AndClosingAgreesWithTheLedger()
    {
        var r = await reports.FinancialAsync(estateId, November);

        Assert.NotNull(r);
        var row = Assert.Single(r.Rows);
        Assert.Equal("C301", row.UnitNumber);
        Assert.Equal((500m, 1150m, -1184.50m, -12.08m, 4.03m, -50m), (row.Opening, row.TopUps, row.Consumption, row.FixedCharges, row.Adjustments, row.Refunds));
        Assert.Equal(407.45m, row.Closing); // 500 + 1 150 − 1 184,50 − 12,08 + 4,03 − 50
        Assert.Equal(155.55m, row.Vat);     // 154,50 + 1,58 − 0,53
        Assert.Equal(row.Closing, r.LedgerClosing); // the ledger's balance less December's top-up
        Assert.Equal(row, r.Totals with { UnitId = row.UnitId, UnitNumber = row.UnitNumber });
    }

    [Fact]
    public async Task Consumption_IsPerUnitAndUtility_WithTheReadingsQuantities()
    {
        var r = await reports.ConsumptionAsync(estateId, November);

        var row = Assert.Single(r!.Rows);
        Assert.Equal(("C301", "Electricity", "kWh", 400m, 2), (row.UnitNumber, row.Utility, row.UnitOfMeasure, row.Quantity, row.Readings));
        Assert.Equal((1030.00m, 154.50m, 1184.50m), (row.ExclVat, row.Vat, row.Amount));
        Assert.Equal(1184.50m, Assert.Single(r.Totals).Amount);
        Assert.Empty((await reports.ConsumptionAsync(estateId, new ReportPeriod(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31))))!.Rows);
    }

    [Fact]
    public async Task Csv_HasAHeaderAndInvariantAmounts()
    {
        var csv = Encoding.UTF8.GetString(ReportExports.Csv(ReportExports.Table((await reports.FinancialAsync(estateId, November))!))).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Unit,Opening,Top-ups,Consumption,Fixed charges,Adjustments,Refunds,Closing,VAT", lines[0]);
        Assert.Equal("C301,500.00,1150.00,-1184.50,-12.08,4.03,-50.00,407.45,155.55", lines[1]);
        Assert.Equal("Total,500.00,1150.00,-1184.50,-12.08,4.03,-50.00,407.45,155.55", lines[2]);
    }

    [Fact]
    public async Task Xlsx_OpensInClosedXml_WithNumbersNotText()
    {
        var bytes = ReportExports.Xlsx(ReportExports.Table((await reports.ConsumptionAsync(estateId, November))!));

        using var book = new XLWorkbook(new MemoryStream(bytes));
        var ws = book.Worksheet("Consumption");
        Assert.Equal("Consumption report · Report Estate", ws.Cell(1, 1).GetString());
        Assert.Equal("November 2026", ws.Cell(2, 1).GetString());
        Assert.Equal("Quantity", ws.Cell(4, 3).GetString());
        Assert.Equal(("C301", XLDataType.Text), (ws.Cell(5, 1).GetString(), ws.Cell(5, 1).DataType));
        Assert.Equal(XLDataType.Number, ws.Cell(5, 3).DataType);
        Assert.Equal(400m, ws.Cell(5, 3).GetValue<decimal>());
        Assert.Equal(1184.50m, ws.Cell(5, 8).GetValue<decimal>());
        Assert.Equal("Total", ws.Cell(6, 1).GetString());
        Assert.Equal(154.50m, ws.Cell(6, 7).GetValue<decimal>());
    }

    [Fact]
    public async Task Pdf_ShowsTheTotals()
    {
        var report = (await reports.FinancialAsync(estateId, November))!;
        var text = PdfText.Of(ReportExports.Pdf(ReportExports.Table(report), report.GeneratedAt, report.EstateName));

        Assert.Contains("Financial report · Report Estate", text, StringComparison.Ordinal);
        Assert.Contains("November 2026", text, StringComparison.Ordinal);
        Assert.Contains(Quantify.Domain.Common.Money.Format(407.45m), text, StringComparison.Ordinal);
        Assert.Contains(Quantify.Domain.Common.Money.Format(155.55m), text, StringComparison.Ordinal);
        Assert.Contains(Quantify.Domain.Common.Money.Format(-1184.50m), text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13", null, null, "is not a month")]
    [InlineData(null, "2026-11-30", "2026-11-01", "is before from")]
    [InlineData(null, "2026-11-01", null, "Give the period")]
    [InlineData(null, "01/11/2026", "2026-11-30", "is not a date")]
    public void BadPeriods_AreRefusedWithAReason(string? month, string? from, string? to, string reason)
    {
        var (period, error) = ReportAccess.Period(month, from, to);
        Assert.Null(period);
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
