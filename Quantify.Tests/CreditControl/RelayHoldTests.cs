using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Tests.CreditControl;

/// <summary>
/// An admin's manual relay command holds: credit control neither switches the relay back nor cancels the command until
/// an admin releases the hold, and both the hold and its release are audited with who, when and why.
/// </summary>
public sealed class RelayHoldTests : IAsyncLifetime
{
    private const string Serial = "SN-HOLD-E";
    private MasterDataWorld w = null!;
    private CreditControlService credit = null!;
    private CommandQueries commands = null!;
    private readonly CreditControlQueue queue = new();
    private int unitId, meterId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        var estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, Serial, MeterType.Electricity, "70b3d57ed00000d1");
        await w.TenancyAsync(unitId, await w.PersonAsync());
        await using (var db = w.Db.Create())
        {
            db.Users.Add(new ApplicationUser { Id = "admin-hold", UserName = "ops@test", Email = "ops@test", DisplayName = "Ops", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        var walletId = await ledger.EnsureWalletAsync(unitId);
        var topUp = await ledger.PostAsync(new PostingRequest("top", TransactionType.TopUp, w.Today, "test",
            [new(AccountCode.Wallet(walletId, Pocket.Electricity), 500m), new(AccountCode.PayFastClearing, -500m)]));
        Assert.True(topUp.IsSuccess, topUp.Describe());
        var signal = new CommandSignal();
        credit = new CreditControlService(w.Db.Factory, w.Db.Clock, signal, NullLogger<CreditControlService>.Instance);
        commands = new CommandQueries(w.Db.Factory, signal, w.Db.Clock, queue);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<List<DeviceCommand>> CommandsAsync()
    {
        await using var db = w.Db.Create();
        return await db.DeviceCommands.AsNoTracking().Where(c => c.MeterId == meterId).OrderBy(c => c.Id).ToListAsync();
    }

    private async Task<long> SwitchOffByHandAsync()
    {
        using var _ = UserContext.Begin("admin-hold", "10.0.0.5");
        var queued = await commands.QueueManualAsync(Serial, CommandKind.RelayOff, "Meter box rewiring");
        Assert.True(queued.IsSuccess, queued.Describe());
        return queued.Value;
    }

    [Fact]
    public async Task ManualOff_SurvivesACreditControlSweep_WithAPositiveBalance()
    {
        var commandId = await SwitchOffByHandAsync();

        w.Db.Clock.Advance(TimeSpan.FromSeconds(7));
        var afterBatch = await credit.EvaluateAsync([unitId]);
        var sweep = await credit.EvaluateAsync(null);

        Assert.Equal((0, 0), (afterBatch.Reconnections, sweep.Reconnections));
        Assert.Equal(1, sweep.Held);
        var only = Assert.Single(await CommandsAsync());
        Assert.Equal((commandId, CommandKind.RelayOff, CommandStatus.Queued, (string?)null), (only.Id, only.Kind, only.Status, only.LastError));
        var hold = Assert.Single(await commands.HoldsAsync(unitId));
        Assert.Equal((Serial, CommandKind.RelayOff, "Meter box rewiring", "ops@test", commandId), (hold.Serial, hold.Kind, hold.Reason, hold.HeldBy, hold.CommandId));
    }

    [Fact]
    public async Task ReleasingTheHold_HandsTheRelayBackToCreditControl_AndIsAudited()
    {
        var commandId = await SwitchOffByHandAsync();
        var hold = Assert.Single(await commands.HoldsAsync());

        Assert.Equal("required", (await commands.ReleaseHoldAsync(hold.Id, " ")).Errors[0].Code);
        using (UserContext.Begin("admin-hold", "10.0.0.5"))
            Assert.True((await commands.ReleaseHoldAsync(hold.Id, "Rewiring finished")).IsSuccess);
        Assert.Empty(await commands.HoldsAsync());
        Assert.Equal("already_released", (await commands.ReleaseHoldAsync(hold.Id, "again")).Errors[0].Code);
        Assert.True(queue.Reader.TryRead(out var requested) && requested == (false, unitId), "Releasing should ask credit control to look at the unit at once.");

        var result = await credit.EvaluateAsync([unitId]);

        Assert.Equal(1, result.Reconnections); // R 500 in credit: normal rules switch the supply back on
        var all = await CommandsAsync();
        Assert.Equal([(commandId, CommandKind.RelayOff, CommandStatus.Expired), (all[1].Id, CommandKind.RelayOn, CommandStatus.Queued)],
            all.Select(c => (c.Id, c.Kind, c.Status)));
        await using var db = w.Db.Create();
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(RelayHold) && a.EntityId == hold.Id.ToString()).OrderBy(a => a.Id).ToListAsync();
        Assert.Contains(audit, a => a.Action == "Added" && a.UserId == "admin-hold" && a.ChangesJson.Contains("Meter box rewiring", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.Action == "Modified" && a.UserId == "admin-hold" && a.ChangesJson.Contains("Rewiring finished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ANewManualCommand_ReplacesTheEarlierHold()
    {
        await SwitchOffByHandAsync();
        using (UserContext.Begin("admin-hold", null))
            Assert.True((await commands.QueueManualAsync(Serial, CommandKind.RelayOn, "Tenant medical need")).IsSuccess);

        var hold = Assert.Single(await commands.HoldsAsync(unitId));
        Assert.Equal((CommandKind.RelayOn, "Tenant medical need"), (hold.Kind, hold.Reason));
        await using var db = w.Db.Create();
        Assert.Equal(1, await db.RelayHolds.CountAsync(h => h.MeterId == meterId && h.ReleasedAt != null));
    }
}
