using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// The pipeline's rules on real SQLite. Protocol decoding has its own tests; here a minimal JSON decoder
/// (topic "test/{eui}", body {"t": iso time, "reg": register, "id": message id}) feeds the pipeline.
/// </summary>
public class ReadingPipelineTests : IAsyncLifetime
{
    private TestDatabase tdb = null!;
    private ReadingPipeline pipeline = null!;
    private int unitId;
    private const string Eui = "70b3d57ed0000001";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        tdb = await TestDatabase.CreateAsync(new ManualClock(T0.AddDays(30)));
        await using var db = tdb.Create();
        var estate = Estate.Create("Pipeline Estate", EstateKind.Complex).Value;
        db.Estates.Add(estate);
        await db.SaveChangesAsync();
        var unit = Unit.Create(estate.Id, "1").Value;
        unit.AssignPaymentReference("PIPE-1");
        db.Units.Add(unit);
        await db.SaveChangesAsync();
        unitId = unit.Id;
        var meter = Meter.Create(estate.Id, "SN-PIPE-1", MeterType.Electricity, CommsType.Lora, Eui).Value;
        meter.AssignToUnit(unit.Id);
        db.Meters.Add(meter);
        await db.SaveChangesAsync();
        pipeline = NewPipeline();
    }

    public async Task DisposeAsync() => await tdb.DisposeAsync();

    private ReadingPipeline NewPipeline() =>
        new(tdb.Factory, new TestDecoder(), new MeterDirectory(), [], [], tdb.Clock, NullLogger<ReadingPipeline>.Instance);

    private static IncomingMessage Msg(string eui, DateTimeOffset t, decimal reg, string? id = null) =>
        new(MessageSource.Mqtt, $"test/{eui}", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { t, reg, id })), t.AddSeconds(2));

    private async Task<List<MeterReading>> Readings()
    {
        await using var db = tdb.Create();
        return await db.MeterReadings.AsNoTracking().OrderBy(r => r.ReadAt).ToListAsync();
    }

    [Fact]
    public async Task SameUplinkDeliveredThreeTimes_IsStoredOnce()
    {
        var m = Msg(Eui, T0, 100m, "dedup-1");
        await pipeline.ProcessAsync([m, m], default);
        await pipeline.ProcessAsync([m], default);
        Assert.Single(await Readings());
    }

    [Fact]
    public async Task FrameCounterResets_DoNotCauseFalseDuplicates_BecauseTheKeyIsTheMessageNotTheCounter()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 100m, "a"), Msg(Eui, T0.AddHours(1), 101m, "b")], default);
        Assert.Equal(2, (await Readings()).Count);
    }

    [Fact]
    public async Task ConsumptionIsTheDeltaSinceThePreviousReading_AndTheFirstReadingIsTheBaseline()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 100m), Msg(Eui, T0.AddHours(1), 101.5m)], default);
        await pipeline.ProcessAsync([Msg(Eui, T0.AddHours(2), 104m)], default);
        var r = await Readings();
        Assert.Equal([ReadingStatus.Baseline, ReadingStatus.NotBilled, ReadingStatus.NotBilled], r.Select(x => x.Status));
        Assert.Equal([null, 1.5m, 2.5m], r.Select(x => x.Consumption));
    }

    [Fact]
    public async Task OutOfOrderReading_IsKeptButBillsNothing_SoTheTotalStaysExact()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 100m), Msg(Eui, T0.AddHours(2), 104m)], default);
        await pipeline.ProcessAsync([Msg(Eui, T0.AddHours(1), 102m)], default);
        var r = await Readings();
        Assert.Equal(3, r.Count);
        Assert.Equal(4m, r.Sum(x => x.Consumption ?? 0));
        Assert.Null(r[1].Consumption);
    }

    [Fact]
    public async Task RegisterGoingBackwards_RaisesARollbackAlert_AndIsHeld_NeverBecomingTheBaselineByItself()
    {
        // Until readings were held, the lower register became the new baseline and 5 billed 2 (see HeldReadingTests for the admin's new baseline).
        await pipeline.ProcessAsync([Msg(Eui, T0, 500m), Msg(Eui, T0.AddHours(1), 3m), Msg(Eui, T0.AddHours(2), 5m)], default);
        var r = await Readings();
        Assert.Equal([(ReadingStatus.Held, (HoldReason?)HoldReason.RegisterBelowHighest), (ReadingStatus.Held, HoldReason.RegisterBelowHighest)], r.Skip(1).Select(x => (x.Status, x.HoldReason)));
        Assert.All(r, x => Assert.Null(x.Consumption));
        await using var db = tdb.Create();
        Assert.Contains(await db.MeterAlerts.ToListAsync(), a => a.Kind == AlertKind.Rollback);
    }

    [Fact]
    public async Task ReplacedMeter_StartsAtZeroAsItsOwnBaseline()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 9000m), Msg(Eui, T0.AddHours(1), 9001m)], default);
        await using (var db = tdb.Create())
        {
            var old = await db.Meters.SingleAsync();
            old.Decommission(tdb.Clock.GetUtcNow(), "Replaced");
            var replacement = Meter.Create(old.EstateId, "SN-PIPE-2", MeterType.Electricity, CommsType.Lora, "70b3d57ed0000002").Value;
            replacement.AssignToUnit(unitId);
            db.Meters.Add(replacement);
            await db.SaveChangesAsync();
        }
        await pipeline.ProcessAsync([Msg("70b3d57ed0000002", T0.AddHours(2), 0m), Msg("70b3d57ed0000002", T0.AddHours(3), 1.25m)], default);
        var r = await Readings();
        Assert.Equal([null, 1m, null, 1.25m], r.Select(x => x.Consumption));
        await using var check = tdb.Create();
        Assert.DoesNotContain(await check.MeterAlerts.ToListAsync(), a => a.Kind == AlertKind.Rollback);
    }

    [Fact]
    public async Task MeterOfflineForAWeek_BillsTheWholeGapOnce()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 100m)], default);
        await pipeline.ProcessAsync([Msg(Eui, T0.AddDays(7), 184m)], default);
        var r = await Readings();
        Assert.Equal(84m, r[1].Consumption);
        Assert.Equal(ReadingStatus.NotBilled, r[1].Status);
    }

    [Fact]
    public async Task Readings_UpdateTheMetersLiveState_WithoutVersioningOrAuditingTheMeter()
    {
        await using (var before = tdb.Create())
        {
            var auditBefore = await before.AuditEntries.CountAsync(a => a.EntityType == nameof(Meter));
            await pipeline.ProcessAsync([Msg(Eui, T0, 100m), Msg(Eui, T0.AddHours(1), 101m), Msg(Eui, T0.AddHours(2), 103.25m)], default);
            await using var after = tdb.Create();
            var meter = await after.Meters.AsNoTracking().SingleAsync(m => m.DeviceEui == Eui);
            Assert.Equal(103.25m, meter.State.LastReading);
            Assert.Equal(T0.AddHours(2), meter.State.LastReadingAt);
            Assert.Equal(CommsStatus.Online, meter.State.CommsStatus);
            Assert.Equal(auditBefore, await after.AuditEntries.CountAsync(a => a.EntityType == nameof(Meter)));
        }
    }

    [Fact]
    public async Task ImplausibleJump_IsHeld_WithAnAnomalyAlert()
    {
        await pipeline.ProcessAsync([Msg(Eui, T0, 100m), Msg(Eui, T0.AddHours(1), 5100m)], default);
        var r = await Readings();
        Assert.Equal((ReadingStatus.Held, (HoldReason?)HoldReason.ImplausibleJump), (r[1].Status, r[1].HoldReason));
        await using var db = tdb.Create();
        Assert.Contains(await db.MeterAlerts.ToListAsync(), a => a.Kind == AlertKind.Anomaly);
    }

    [Fact]
    public async Task UnknownDevice_IsDeadLettered_AndReplaysOnceTheMeterIsRegistered()
    {
        await pipeline.ProcessAsync([Msg("70b3d57ed00000ff", T0, 1m)], default);
        var store = new DeadLetterService(tdb.Factory, tdb.Clock);
        var (rows, total) = await store.ListAsync(DeadLetterStatus.New, 0, 10);
        Assert.Equal(1, total);
        Assert.Contains("Unknown device EUI '70b3d57ed00000ff'", rows[0].Reason, StringComparison.Ordinal);
        Assert.Contains("\"reg\":1", rows[0].Preview, StringComparison.Ordinal);

        var replayer = new DeadLetterReplayer(store, pipeline, tdb.Clock);
        var stillFailing = await replayer.ReplayAsync(rows[0].Id);
        Assert.False(stillFailing.Succeeded);
        Assert.Equal(1, (await store.ListAsync(DeadLetterStatus.New, 0, 10)).Total);

        await using (var db = tdb.Create())
        {
            var estateId = await db.Estates.Select(e => e.Id).SingleAsync();
            db.Meters.Add(Meter.Create(estateId, "SN-LATE", MeterType.Water, CommsType.Lora, "70b3d57ed00000ff").Value);
            await db.SaveChangesAsync();
        }
        var replay = await new DeadLetterReplayer(store, NewPipeline(), tdb.Clock).ReplayAsync(rows[0].Id);
        Assert.True(replay.Succeeded, replay.Message);
        Assert.Equal(0, (await store.ListAsync(DeadLetterStatus.New, 0, 10)).Total);
        Assert.Single(await Readings());
    }

    [Fact]
    public async Task TenThousandMalformedPayloads_AreAllDeadLettered_WithoutACrash()
    {
        var rng = new Random(42);
        var batch = Enumerable.Range(0, 10_000).Select(i =>
        {
            var bytes = new byte[rng.Next(0, 64)];
            rng.NextBytes(bytes);
            return new IncomingMessage(MessageSource.Mqtt, $"test/{i}", bytes, T0);
        }).ToList();
        foreach (var chunk in batch.Chunk(1000)) await pipeline.ProcessAsync(chunk, default);
        await using var db = tdb.Create();
        Assert.Equal(10_000, await db.DeadLetters.CountAsync());
        Assert.Empty(await db.MeterReadings.ToListAsync());
    }

    [Fact]
    public async Task AMessagePreparedOnTheTransportsThread_IsNotDecodedAgainByTheWriter()
    {
        var decoder = new CountingDecoder(new TestDecoder());
        var preparing = new ReadingPipeline(tdb.Factory, decoder, new MeterDirectory(), [], [], tdb.Clock, NullLogger<ReadingPipeline>.Instance);
        var prepared = preparing.Prepare(Msg(Eui, T0, 100m, "p1"));
        Assert.Equal(1, decoder.Calls);
        Assert.Same(prepared, preparing.Prepare(prepared)); // already prepared: left as it is

        await preparing.ProcessAsync([prepared, Msg(Eui, T0.AddHours(1), 101m, "p2")], default);
        Assert.Equal(2, decoder.Calls); // the prepared one once, the other by the writer
        Assert.Equal([100m, 101m], (await Readings()).Select(r => r.Register));
    }

    [Fact]
    public async Task ADecoderThatThrowsWhilePreparing_DeadLettersTheMessage_NamingTheCrash()
    {
        var preparing = new ReadingPipeline(tdb.Factory, new ThrowingDecoder(), new MeterDirectory(), [], [], tdb.Clock, NullLogger<ReadingPipeline>.Instance);
        var prepared = preparing.Prepare(Msg(Eui, T0, 100m, "x1"));
        Assert.Equal("Decoder crashed: unreadable frame", prepared.Decoded!.Error);

        await preparing.ProcessAsync([prepared], default);
        await using var db = tdb.Create();
        var letter = await db.DeadLetters.SingleAsync();
        Assert.Equal("Decoder crashed: unreadable frame", letter.Reason);
        Assert.Equal(prepared.Payload.ToArray(), letter.Payload);
        Assert.Empty(await db.MeterReadings.ToListAsync());
    }

    private sealed class CountingDecoder(IMessageDecoder inner) : IMessageDecoder
    {
        private int calls;
        public int Calls => Volatile.Read(ref calls);

        public DecodedMessage Decode(IncomingMessage message)
        {
            Interlocked.Increment(ref calls);
            return inner.Decode(message);
        }
    }

    private sealed class ThrowingDecoder : IMessageDecoder
    {
        public DecodedMessage Decode(IncomingMessage message) => throw new InvalidOperationException("unreadable frame");
    }

    private sealed class TestDecoder : IMessageDecoder
    {
        public DecodedMessage Decode(IncomingMessage message)
        {
            try
            {
                using var doc = JsonDocument.Parse(message.Payload);
                var root = doc.RootElement;
                var id = root.TryGetProperty("id", out var idEl) && idEl.ValueKind == JsonValueKind.String ? idEl.GetString() : null;
                return new DecodedMessage([new DecodedReading(DeviceKeyKind.DeviceEui, message.Topic["test/".Length..],
                    root.GetProperty("t").GetDateTimeOffset(), root.GetProperty("reg").GetDecimal(), id)], [], null);
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
            {
                return DecodedMessage.Fail("Not a test reading: " + ex.Message);
            }
        }
    }
}
