using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Modbus;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Tests.Protocols;
using Quantify.Web.Components.Pages.Admin.Meters;
using Quantify.Web.Components.Pages.Admin.Metering;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.MasterData;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// Poll failures are visible where an admin looks, not only in the log: each polled meter keeps its last poll, last
/// success, last error and failures in a row; the gateway page sums them per gateway and the meter list shows them.
/// </summary>
public class ModbusPollStatusTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private ModbusSlaveSimulator slave = null!;
    private int gatewayId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        slave = new ModbusSlaveSimulator();
        slave.AddMeter(7, ModbusRegisterMaps.Sdm120WithRelay).SetReading(1000m);
        slave.Start();
        var estateId = await w.EstateAsync();
        await using var db = w.Db.Create();
        var gateway = Gateway.Create(estateId, "plant-rs485", "Plant room RS485", GatewayKind.ModbusTcp, $"127.0.0.1:{slave.Port}", 60).Value;
        db.Gateways.Add(gateway);
        await db.SaveChangesAsync();
        gatewayId = gateway.Id;
        foreach (var (serial, unit) in new[] { ("SDM-7", 7), ("SDM-9", 9) }) // unit 9 is not wired yet: the gateway answers exception 0B
        {
            var meter = Meter.Create(estateId, serial, MeterType.Electricity, CommsType.Modbus, null, "Eastron", "SDM120-QR", null, unit).Value;
            meter.AttachToGateway(gateway.Id);
            db.Meters.Add(meter);
        }
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await slave.DisposeAsync();
        await w.DisposeAsync();
    }

    private sealed class NullSink : IIngestionSink
    {
        public Task AcceptAsync(IncomingMessage message, CancellationToken ct) => Task.CompletedTask;
    }

    private async Task<MeterPollStatus?> StatusAsync(string serial)
    {
        await using var db = w.Db.Create();
        return await db.MeterPollStatuses.AsNoTracking().SingleOrDefaultAsync(s => db.Meters.Any(m => m.Id == s.MeterId && m.SerialNumber == serial));
    }

    /// <summary>Flushes the recorded outcomes and checks, until the condition holds (the poll loops run on other threads).</summary>
    private static async Task UntilAsync(ModbusPollingService polling, Func<Task<bool>> condition, string what)
    {
        var deadline = Environment.TickCount64 + 15_000;
        while (true)
        {
            await polling.Status.FlushAsync(default);
            if (await condition()) return;
            if (Environment.TickCount64 > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    private GatewayService Gateways() => new(w.Db.Factory, new GatewayKeys(new byte[32]), new MeterDirectory());

    [Fact]
    public async Task AFailingMeter_CountsFailuresInARow_KeepsTheError_AndRecovers()
    {
        var clock = new ManualTimeProvider(T0);
        var polling = new ModbusPollingService(w.Db.Factory, new NullSink(), clock, NullLoggerFactory.Instance, NullLogger<ModbusPollingService>.Instance,
            pollerOptions: new ModbusPollerOptions { Master = new ModbusMasterOptions { Retries = 0 } });
        await polling.StartAsync(default);
        try
        {
            for (var round = 1; round <= 3; round++)
            {
                if (round > 1) clock.Advance(TimeSpan.FromSeconds(60));
                var expected = round;
                await UntilAsync(polling, async () => (await StatusAsync("SDM-9"))?.ConsecutiveFailures == expected
                    && (await StatusAsync("SDM-7"))?.LastSuccessAt == T0.AddSeconds(60 * (expected - 1)), $"poll round {round}");
            }
            var failing = (await StatusAsync("SDM-9"))!;
            Assert.Equal(T0.AddSeconds(120), failing.LastPollAt);
            Assert.Equal(T0.AddSeconds(120), failing.LastErrorAt);
            Assert.Null(failing.LastSuccessAt);
            Assert.Contains("0B", failing.LastError, StringComparison.Ordinal);

            var row = (await Gateways().ListAsync()).Single(g => g.Id == gatewayId);
            Assert.Equal(new GatewayPollSummary(T0.AddSeconds(120), 1, 3, failing.LastError, T0.AddSeconds(120)), row.Polling);

            slave.AddMeter(9, ModbusRegisterMaps.Sdm120WithRelay).SetReading(5m); // the installer wires it up
            clock.Advance(TimeSpan.FromSeconds(60));
            await UntilAsync(polling, async () => (await StatusAsync("SDM-9"))?.ConsecutiveFailures == 0, "the meter answering");
            var recovered = (await StatusAsync("SDM-9"))!;
            Assert.Equal(T0.AddSeconds(180), recovered.LastSuccessAt);
            Assert.Equal(T0.AddSeconds(120), recovered.LastErrorAt); // the last error stays on record, with its time
            Assert.Equal(0, (await Gateways().ListAsync()).Single(g => g.Id == gatewayId).Polling!.FailingMeters);
        }
        finally
        {
            await polling.StopAsync(default);
        }
    }

    [Fact]
    public async Task TheGatewayPage_AndTheMeterList_ShowTheFailures()
    {
        await using (var db = w.Db.Create())
        {
            var ids = await db.Meters.ToDictionaryAsync(m => m.SerialNumber, m => m.Id);
            var ok = new MeterPollStatus(ids["SDM-7"]);
            ok.RecordSuccess(T0);
            var bad = new MeterPollStatus(ids["SDM-9"]);
            for (var i = 0; i < 4; i++) bad.RecordFailure(T0.AddMinutes(i), "Modbus unit 9 did not answer function 0x03 within 1000 ms on tcp 127.0.0.1:502.");
            db.MeterPollStatuses.AddRange(ok, bad);
            await db.SaveChangesAsync();
        }
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(Gateways());
        ctx.Services.AddSingleton(new EstateService(w.Db.Factory));
        ctx.Services.AddSingleton(new MeterService(w.Db.Factory));
        ctx.Render<MudPopoverProvider>();
        ctx.Render<MudDialogProvider>();

        var page = ctx.Render<GatewayAdmin>();
        page.WaitForAssertion(() => Assert.Contains("1 meter failing, up to 4 polls in a row: Modbus unit 9 did not answer",
            page.Find("[data-testid=gw-polling-plant-rs485]").TextContent, StringComparison.Ordinal));
        page.Find("[data-testid=gw-meters-plant-rs485]").Click();
        page.WaitForAssertion(() => Assert.Contains("4", page.Find("[data-testid=gw-meter-SDM-9]").TextContent, StringComparison.Ordinal));
        Assert.Contains("did not answer", page.Find("[data-testid=gw-meter-SDM-9]").TextContent, StringComparison.Ordinal);

        var grid = ctx.Render<MeterGrid>();
        grid.WaitForAssertion(() => Assert.Contains("4 failed polls in a row", grid.Find("[data-testid=meter-poll-SDM-9]").TextContent, StringComparison.Ordinal));
        Assert.Contains("OK", grid.Find("[data-testid=meter-poll-SDM-7]").TextContent, StringComparison.Ordinal);
    }
}
