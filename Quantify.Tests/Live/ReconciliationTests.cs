using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Tests.Live;

/// <summary>Bulk supply against the unit meters: common property and loss %, flagged above the estate threshold.</summary>
public class ReconciliationTests
{
    [Fact]
    public async Task BulkMinusUnits_IsCommonPropertyAndLoss_FlaggedAboveTheThreshold()
    {
        await using var w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
        var estate = await w.EstateAsync();
        var u1 = await w.UnitAsync(estate, "A1");
        var u2 = await w.UnitAsync(estate, "A2");
        await w.MeterAsync(estate, u1, "E-1");
        await w.MeterAsync(estate, u2, "E-2");
        await w.MeterAsync(estate, null, "BULK-E", MeterType.BulkElectricity);
        var pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        static IncomingMessage Batch(params (string Serial, decimal Register, string At)[] rows) => new(MessageSource.Http, "quantify/gateways/g/readings",
            System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = r.At }) })),
            DateTimeOffset.UtcNow);
        await pipeline.ProcessAsync([Batch(("E-1", 0m, "2026-11-19T06:00:00Z"), ("E-2", 0m, "2026-11-19T06:00:00Z"), ("BULK-E", 0m, "2026-11-19T06:00:00Z"))], default);
        await pipeline.ProcessAsync([Batch(("E-1", 10m, "2026-11-19T10:00:00Z"), ("E-2", 20m, "2026-11-19T10:00:00Z"), ("BULK-E", 40m, "2026-11-19T10:00:00Z"))], default);

        var kpis = await new ReconciliationQueries(w.Db.Factory, w.Db.Clock).KpisAsync(estate);
        var electricity = kpis!.Bulk.Single(b => b.Utility == Utility.Electricity);
        Assert.Equal((40m, 30m, 10m, 25.0m), (electricity.Bulk, electricity.Units, electricity.CommonProperty, electricity.LossPercent));
        Assert.True(electricity.OverThreshold); // default threshold is below 25 %

        var trend = await new ReconciliationQueries(w.Db.Factory, w.Db.Clock).LossTrendAsync(estate, Utility.Electricity);
        Assert.Equal(25.0m, trend.Single(t => t.Day == new DateOnly(2026, 11, 19)).LossPercent);
    }
}
