using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Estates;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Ingestion;

/// <summary>One open alert per meter and kind: a leak reported on every reading is one alert until it is resolved.</summary>
public class AlertOnceTests
{
    private const string Eui = "70b3d57ed00000a1";
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ALeakReportedOnEveryReading_IsOneOpenAlert_AndANewOneOnlyAfterItIsResolved()
    {
        await using var tdb = await TestDatabase.CreateAsync(new ManualClock(T0.AddDays(1)));
        await using (var db = tdb.Create())
        {
            var estate = Estate.Create("Alert Estate", EstateKind.Complex).Value;
            db.Estates.Add(estate);
            await db.SaveChangesAsync();
            var meter = Meter.Create(estate.Id, "SN-LEAK-1", MeterType.Water, CommsType.Lora, Eui).Value;
            db.Meters.Add(meter);
            await db.SaveChangesAsync();
        }
        var pipeline = new ReadingPipeline(tdb.Factory, new LeakDecoder(), new MeterDirectory(), [], [], tdb.Clock, NullLogger<ReadingPipeline>.Instance);

        await pipeline.ProcessAsync([Msg(T0, 10m), Msg(T0.AddMinutes(15), 10.1m)], default);
        await pipeline.ProcessAsync([Msg(T0.AddMinutes(30), 10.2m)], default);
        await pipeline.ProcessAsync([Msg(T0.AddMinutes(45), 10.3m)], default);
        await using (var db = tdb.Create())
        {
            var leak = Assert.Single(await db.MeterAlerts.Where(a => a.Kind == AlertKind.Leak).ToListAsync());
            Assert.True(leak.IsOpen);
            leak.Resolve(T0.AddHours(1));
            await db.SaveChangesAsync();
        }

        await pipeline.ProcessAsync([Msg(T0.AddHours(2), 10.4m)], default);
        await using var read = tdb.Create();
        var leaks = await read.MeterAlerts.Where(a => a.Kind == AlertKind.Leak).ToListAsync();
        Assert.Equal(2, leaks.Count);
        Assert.Single(leaks, a => a.IsOpen);
    }

    private static IncomingMessage Msg(DateTimeOffset t, decimal reg) =>
        new(MessageSource.Mqtt, $"test/{Eui}", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { t, reg })), t.AddSeconds(2));

    private sealed class LeakDecoder : IMessageDecoder
    {
        public DecodedMessage Decode(IncomingMessage message)
        {
            using var doc = JsonDocument.Parse(message.Payload);
            var root = doc.RootElement;
            return new DecodedMessage([new DecodedReading(DeviceKeyKind.DeviceEui, message.Topic["test/".Length..],
                root.GetProperty("t").GetDateTimeOffset(), root.GetProperty("reg").GetDecimal(), null, Leak: true)], [], null);
        }
    }
}
