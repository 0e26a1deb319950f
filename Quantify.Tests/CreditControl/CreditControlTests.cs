using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Support;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Mqtt;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Tests.CreditControl;

/// <summary>Credit control end to end on SQLite: balances → relay commands → ChirpStack downlinks → device acks.</summary>
public class CreditControlTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed00000c1";
    private const string WaterEui = "70b3d57ed00000c2";
    // 2026-11-02 is a Monday; 08:00Z is 10:00 in Johannesburg, outside the default friendly hours (17:00-08:00).
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private CreditControlService credit = null!;
    private CommandDispatcher dispatcher = null!;
    private readonly CapturingPublisher publisher = new();
    private int estateId, unitId, walletId, meterId, waterMeterId;
    private string tenantUserId = "";

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, "SN-CC-E", MeterType.Electricity, Eui);
        waterMeterId = await w.MeterAsync(estateId, unitId, "SN-CC-W", MeterType.Water, WaterEui);
        var person = await w.PersonAsync();
        await w.TenancyAsync(unitId, person);
        await using (var db = w.Db.Create())
        {
            var user = new ApplicationUser { UserName = "cc@test", Email = "cc@test", PersonId = person, DisplayName = "Thandi" };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            tenantUserId = user.Id;
        }
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        var signal = new CommandSignal();
        credit = new CreditControlService(w.Db.Factory, w.Db.Clock, signal, NullLogger<CreditControlService>.Instance);
        dispatcher = new CommandDispatcher(w.Db.Factory, [new ChirpStackCommandTransport(publisher, new MqttOptions())], signal, w.Db.Clock,
            NullLogger<CommandDispatcher>.Instance);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PostAsync(string key, Pocket pocket, decimal amount)
    {
        var r = await ledger.PostAsync(new PostingRequest(key, amount > 0 ? TransactionType.TopUp : TransactionType.Consumption, w.Today, "test",
            [new(AccountCode.Wallet(walletId, pocket), amount), new(amount > 0 ? AccountCode.PayFastClearing : AccountCode.Revenue(estateId, pocket), -amount)]));
        Assert.True(r.IsSuccess, r.IsFailure ? r.Errors[0].Message : "");
    }

    private async Task<List<DeviceCommand>> CommandsAsync()
    {
        await using var db = w.Db.Create();
        return await db.DeviceCommands.AsNoTracking().Where(c => c.MeterId == meterId).OrderBy(c => c.Id).ToListAsync();
    }

    private async Task<List<Notification>> NoticesAsync()
    {
        await using var db = w.Db.Create();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == tenantUserId).OrderBy(n => n.Id).ToListAsync();
    }

    [Fact]
    public async Task ExhaustedElectricity_QueuesOneDisconnection_AlertsAndTellsTheTenant()
    {
        await PostAsync("top", Pocket.Electricity, 10m);
        await PostAsync("use", Pocket.Electricity, -10m);

        var first = await credit.EvaluateAsync([unitId]);
        var again = await credit.EvaluateAsync([unitId]);

        Assert.Equal(1, first.Disconnections);
        Assert.Equal(0, again.Disconnections);
        var command = Assert.Single(await CommandsAsync());
        Assert.Equal(CommandKind.RelayOff, command.Kind);
        Assert.Equal(CommandStatus.Queued, command.Status);
        Assert.Contains(await NoticesAsync(), n => n.Kind == NotificationKind.Disconnected && n.UnitId == unitId);
        await using var db = w.Db.Create();
        Assert.True(await db.MeterAlerts.AnyAsync(a => a.MeterId == meterId && a.Kind == AlertKind.Disconnected));
    }

    [Fact]
    public async Task InFriendlyHours_TheDisconnectionWaits_UntilTheyEnd()
    {
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 2, 16, 30, 0, TimeSpan.Zero)); // 18:30 SAST Monday
        var evening = await credit.EvaluateAsync([unitId]);
        Assert.Equal(1, evening.Deferred);
        Assert.Empty(await CommandsAsync());

        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 3, 6, 30, 0, TimeSpan.Zero)); // 08:30 SAST Tuesday
        var morning = await credit.EvaluateAsync(null);
        Assert.Equal(1, morning.Disconnections);
        Assert.Equal(CommandKind.RelayOff, Assert.Single(await CommandsAsync()).Kind);
    }

    [Theory]
    [InlineData("2026-11-07T10:00:00+02:00", "a Saturday")]
    [InlineData("2026-12-16T10:00:00+02:00", "Day of Reconciliation (a Wednesday)")]
    [InlineData("2027-03-22T10:00:00+02:00", "Monday after Human Rights Day on a Sunday")]
    public async Task NoDisconnection_OnWeekendsOrPublicHolidays(string at, string why)
    {
        w.Db.Clock.Set(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));
        var result = await credit.EvaluateAsync([unitId]);
        Assert.True(result.Deferred == 1 && result.Disconnections == 0, $"Expected no disconnection on {why}.");
    }

    [Fact]
    public async Task TopUpToMinimumActivation_Reconnects_AndSupersedesAnUnsentDisconnection()
    {
        await credit.EvaluateAsync([unitId]); // balance 0 → disconnection queued
        await PostAsync("small", Pocket.Electricity, 15m); // below the R20 minimum activation
        Assert.Equal(0, (await credit.EvaluateAsync([unitId])).Reconnections);

        await PostAsync("enough", Pocket.Electricity, 10m); // R25
        var result = await credit.EvaluateAsync([unitId]);

        Assert.Equal(1, result.Reconnections);
        var commands = await CommandsAsync();
        Assert.Equal([CommandKind.RelayOff, CommandKind.RelayOn], commands.Select(c => c.Kind));
        Assert.Equal(CommandStatus.Expired, commands[0].Status);
        Assert.Contains("Superseded", commands[0].LastError);
        Assert.Contains(await NoticesAsync(), n => n.Kind == NotificationKind.Reconnected);
    }

    [Fact]
    public async Task Water_IsNeverCut_ButAtItsDebtCapIsFlaggedForArrearsOnce_AndClearedByATopUp()
    {
        await PostAsync("e-top", Pocket.Electricity, 100m);
        await PostAsync("w-use", Pocket.Water, -200m); // default debt cap R200
        var first = await credit.EvaluateAsync([unitId]);
        await credit.EvaluateAsync([unitId]);

        Assert.Equal(1, first.ArrearsFlagged);
        await using (var db = w.Db.Create())
        {
            Assert.False(await db.DeviceCommands.AnyAsync(c => c.MeterId == waterMeterId));
            Assert.Equal(1, await db.MeterAlerts.CountAsync(a => a.MeterId == waterMeterId && a.Kind == AlertKind.DebtCap && a.ResolvedAt == null));
        }
        Assert.Single(await NoticesAsync(), n => n.Kind == NotificationKind.Arrears);

        await PostAsync("w-top", Pocket.Water, 150m);
        await credit.EvaluateAsync([unitId]);
        await using var after = w.Db.Create();
        Assert.Equal(0, await after.MeterAlerts.CountAsync(a => a.MeterId == waterMeterId && a.Kind == AlertKind.DebtCap && a.ResolvedAt == null));
    }

    [Fact]
    public async Task LowBalance_NotifiesOncePerDay()
    {
        await PostAsync("top", Pocket.Electricity, 30m); // below the R50 low-balance alert
        await credit.EvaluateAsync([unitId]);
        await credit.EvaluateAsync([unitId]);
        Assert.Single(await NoticesAsync(), n => n.Kind == NotificationKind.LowBalance && n.Title == "Electricity credit low");
        w.Db.Clock.Advance(TimeSpan.FromHours(25));
        await credit.EvaluateAsync([unitId]);
        Assert.Equal(2, (await NoticesAsync()).Count(n => n.Kind == NotificationKind.LowBalance && n.Title == "Electricity credit low"));
    }

    [Fact]
    public async Task Disconnection_GoesOutAsAChirpStackDownlink_AndTheDevicesAckOpensTheRelay()
    {
        await credit.EvaluateAsync([unitId]);
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));

        var (topic, payload) = Assert.Single(publisher.Sent);
        Assert.Equal($"application/quantify/device/{Eui}/command/down", topic);
        Assert.True(ChirpStackDownlink.TryReadRelay(payload, out var queueItemId, out var close));
        Assert.False(close);
        var sent = Assert.Single(await CommandsAsync());
        Assert.Equal(CommandStatus.Sent, sent.Status);
        Assert.Equal(queueItemId, sent.CorrelationId);

        // The meter acknowledges through ChirpStack; the ordinary ingestion pipeline completes the command.
        var pipeline = new ReadingPipeline(w.Db.Factory, new MessageDecoder(), new MeterDirectory(), [], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        var ack = new IncomingMessage(MessageSource.Mqtt, $"application/quantify/device/{Eui}/event/ack", ChirpStackDownlink.Ack(Eui, queueItemId, true, w.Db.Clock.GetUtcNow()),
            w.Db.Clock.GetUtcNow());
        await pipeline.ProcessAsync([ack], default);

        Assert.Equal(CommandStatus.Acknowledged, Assert.Single(await CommandsAsync()).Status);
        await using var db = w.Db.Create();
        Assert.False((await db.MeterStates.SingleAsync(s => s.MeterId == meterId)).RelayClosed);
    }

    [Fact]
    public async Task UnacknowledgedDownlink_IsResentWithBackOff_AndFailsAfterFiveAttempts()
    {
        await credit.EvaluateAsync([unitId]);
        await dispatcher.DispatchDueAsync(default);
        Assert.Equal(0, await dispatcher.DispatchDueAsync(default)); // not due yet: back-off 30 s
        for (var i = 0; i < 10; i++)
        {
            w.Db.Clock.Advance(TimeSpan.FromMinutes(31));
            await dispatcher.DispatchDueAsync(default);
        }
        var command = Assert.Single(await CommandsAsync());
        Assert.Equal(CommandStatus.Failed, command.Status);
        Assert.Equal(5, command.Attempts);
        Assert.Equal(5, publisher.Sent.Select(s => Encoding.UTF8.GetString(s.Payload)).Distinct().Count());
    }

    [Fact]
    public async Task BrokerDown_CountsAsAFailedAttempt_AndIsRetried()
    {
        publisher.Fail = true;
        await credit.EvaluateAsync([unitId]);
        await dispatcher.DispatchDueAsync(default);
        var failed = Assert.Single(await CommandsAsync());
        Assert.Equal(CommandStatus.Queued, failed.Status);
        Assert.Contains("Not connected", failed.LastError);

        publisher.Fail = false;
        w.Db.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await dispatcher.DispatchDueAsync(default));
        Assert.Equal(CommandStatus.Sent, Assert.Single(await CommandsAsync()).Status);
    }

    private sealed class CapturingPublisher : IDownlinkPublisher
    {
        public List<(string Topic, byte[] Payload)> Sent { get; } = [];
        public bool Fail { get; set; }

        public Task PublishAsync(string topic, byte[] payload, CancellationToken ct)
        {
            if (Fail) throw new InvalidOperationException("Not connected to the MQTT broker 127.0.0.1:1883.");
            Sent.Add((topic, payload));
            return Task.CompletedTask;
        }
    }
}
