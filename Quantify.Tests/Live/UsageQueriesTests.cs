using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Usage;

namespace Quantify.Tests.Live;

/// <summary>The tenant's usage chart data: billed readings summed into SAST days, weeks and months.</summary>
public class UsageQueriesTests
{
    [Fact]
    public async Task ReadingsAreSummedIntoLocalDays_WithTheirCost()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        var estate = await w.EstateAsync();
        var unit = await w.UnitAsync(estate);
        await w.MeterAsync(estate, unit, "SN-USE", MeterType.Electricity, "70b3d57ed00000e1");
        var directory = new TariffDirectory();
        await new TariffService(w.Db.Factory, directory, w.Db.Clock).CreateAsync(estate, null, Utility.Electricity, "Flat", new DateOnly(2026, 1, 1), TariffRules.Flat(2m));
        var pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(),
            [new ConsumptionBiller(new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks()), directory, NullLogger<ConsumptionBiller>.Instance)], [], w.Db.Clock,
            NullLogger<ReadingPipeline>.Instance);
        static IncomingMessage Msg(string at, decimal register) => new(MessageSource.Http, "quantify/gateways/g/readings",
            System.Text.Encoding.UTF8.GetBytes($$"""{"readings":[{"serial":"SN-USE","register":{{register}},"timestamp":"{{at}}"}]}"""), DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        // 23:30 SAST on the 18th is 21:30Z; 00:30 SAST on the 19th is 22:30Z on the 18th.
        await pipeline.ProcessAsync([Msg("2026-11-18T20:30:00Z", 100m), Msg("2026-11-18T21:30:00Z", 101m), Msg("2026-11-18T22:30:00Z", 103m)], default);

        var series = Assert.Single(await new UsageQueries(w.Db.Factory, w.Db.Clock).ForUnitAsync(unit, UsagePeriod.Day));
        Assert.Equal(30, series.Points.Count);
        Assert.Equal(1m, series.Points.Single(p => p.Label == "18 Nov").Quantity);
        Assert.Equal(2m, series.Points.Single(p => p.Label == "19 Nov").Quantity);
        Assert.Equal(4.60m, series.Points.Single(p => p.Label == "19 Nov").Cost); // 2 kWh × R2 + 15% VAT
        Assert.Equal(3m, series.TotalQuantity);
    }
}
