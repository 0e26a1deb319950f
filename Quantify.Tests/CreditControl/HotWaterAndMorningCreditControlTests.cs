using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.CreditControl;

/// <summary>
/// Credit control over a unit with an electricity and a hot-water meter: hot water in debt is capped like water (a
/// flag, never a relay command), and the early-morning half of friendly hours holds disconnections back too (issue 11
/// item 8, mutants d and g).
/// </summary>
public class HotWaterAndMorningCreditControlTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private CreditControlService credit = null!;
    private int estateId, unitId, walletId, meterId, hotWaterMeterId;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync(); // 2026-11-02 08:00Z, a Monday, 10:00 in Johannesburg
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, "SN-HW-E", MeterType.Electricity, "70b3d57ed00000d1");
        hotWaterMeterId = await w.MeterAsync(estateId, unitId, "SN-HW-H", MeterType.HotWater, "70b3d57ed00000d2");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        credit = new CreditControlService(w.Db.Factory, w.Db.Clock, new CommandSignal(), NullLogger<CreditControlService>.Instance);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PostAsync(string key, Pocket pocket, decimal amount)
    {
        var r = await ledger.PostAsync(new PostingRequest(key, amount > 0 ? TransactionType.TopUp : TransactionType.Consumption, w.Today, "test",
            [new(AccountCode.Wallet(walletId, pocket), amount), new(amount > 0 ? AccountCode.PayFastClearing : AccountCode.Revenue(estateId, pocket), -amount)]));
        Assert.True(r.IsSuccess, r.IsFailure ? r.Errors[0].Message : "");
    }

    private async Task<List<DeviceCommand>> CommandsAsync(int meter)
    {
        await using var db = w.Db.Create();
        return await db.DeviceCommands.AsNoTracking().Where(c => c.MeterId == meter).ToListAsync();
    }

    [Fact]
    public async Task HotWaterBeyondItsDebtCap_IsFlaggedForArrears_AndItsRelayIsNeverSwitched()
    {
        await PostAsync("e-top", Pocket.Electricity, 100m);
        await PostAsync("hw-use", Pocket.HotWater, -250m); // beyond the R200 debt cap

        var result = await credit.EvaluateAsync([unitId]);

        Assert.Equal((0, 0, 1), (result.Disconnections, result.Deferred, result.ArrearsFlagged));
        Assert.Empty(await CommandsAsync(hotWaterMeterId));
        Assert.Empty(await CommandsAsync(meterId));
        await using var db = w.Db.Create();
        var alert = await db.MeterAlerts.AsNoTracking().SingleAsync(a => a.MeterId == hotWaterMeterId && a.Kind == AlertKind.DebtCap);
        Assert.Null(alert.ResolvedAt);
    }

    [Fact]
    public async Task HotWaterJustBelowZero_IsNeitherCutNorFlagged()
    {
        await PostAsync("e-top", Pocket.Electricity, 100m);
        await PostAsync("hw-use", Pocket.HotWater, -5m);

        var result = await credit.EvaluateAsync([unitId]);

        Assert.Equal((0, 0, 0), (result.Disconnections, result.Deferred, result.ArrearsFlagged));
        Assert.Empty(await CommandsAsync(hotWaterMeterId));
    }

    [Theory]
    [InlineData("2026-11-03T07:00:00+02:00", true)]  // Tuesday 07:00: the morning half of 17:00-08:00
    [InlineData("2026-11-03T00:30:00+02:00", true)]
    [InlineData("2026-11-02T22:00:00+02:00", true)]  // Monday 22:00: the evening half
    [InlineData("2026-11-03T08:00:00+02:00", false)] // friendly hours are over
    public async Task ExhaustedElectricity_WaitsThroughBothHalvesOfFriendlyHours(string at, bool waits)
    {
        w.Db.Clock.Set(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture));

        var result = await credit.EvaluateAsync([unitId]); // a new wallet: electricity at R0, its credit limit

        Assert.Equal(waits ? (0, 1) : (1, 0), (result.Disconnections, result.Deferred));
        Assert.Equal(waits ? 0 : 1, (await CommandsAsync(meterId)).Count);
    }
}
