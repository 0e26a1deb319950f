using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Family;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Support;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Family;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;

namespace Quantify.Tests.Family;

/// <summary>Spend budgets acting through credit control on SQLite: notices once per period, electricity cut by a hard budget, water never.</summary>
public class SpendControlTests : IAsyncLifetime
{
    // 2026-11-02 is a Monday; 08:00Z is 10:00 in Johannesburg, outside the default friendly hours (17:00-08:00).
    private static readonly DateTimeOffset MondayMorning = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private SpendBudgetService budgets = null!;
    private CreditControlService credit = null!;
    private int estateId, unitId, walletId, meterId, waterMeterId;
    private string tenantUserId = "";

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(MondayMorning);
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        meterId = await w.MeterAsync(estateId, unitId, "SN-SB-E", MeterType.Electricity, "70b3d57ed00000d1");
        waterMeterId = await w.MeterAsync(estateId, unitId, "SN-SB-W", MeterType.Water, "70b3d57ed00000d2");
        var person = await w.PersonAsync();
        await w.TenancyAsync(unitId, person);
        await using (var db = w.Db.Create())
        {
            var user = new ApplicationUser { UserName = "sb@test", Email = "sb@test", PersonId = person, DisplayName = "Thandi" };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            tenantUserId = user.Id;
        }
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        budgets = new SpendBudgetService(w.Db.Factory, w.Db.Clock);
        credit = new CreditControlService(w.Db.Factory, w.Db.Clock, new CommandSignal(), NullLogger<CreditControlService>.Instance, null, [budgets]);
        await PostAsync("top-e", Pocket.Electricity, 500m);
        await PostAsync("top-w", Pocket.Water, 500m);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PostAsync(string key, Pocket pocket, decimal amount)
    {
        var r = await ledger.PostAsync(new PostingRequest(key, amount > 0 ? TransactionType.TopUp : TransactionType.Consumption, w.Today, "test",
            [new(AccountCode.Wallet(walletId, pocket), amount), new(amount > 0 ? AccountCode.PayFastClearing : AccountCode.Revenue(estateId, pocket), -amount)]));
        Assert.True(r.IsSuccess, r.IsFailure ? r.Describe() : "");
    }

    private async Task<List<Notification>> BudgetNoticesAsync()
    {
        await using var db = w.Db.Create();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == tenantUserId && n.Title.Contains("budget")).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<List<DeviceCommand>> CommandsAsync(int meter)
    {
        await using var db = w.Db.Create();
        return await db.DeviceCommands.AsNoTracking().Where(c => c.MeterId == meter).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task BudgetAt80And100Percent_NotifiesOnceEach_AndNotifyOnlyNeverSwitches()
    {
        Assert.True((await budgets.SetAsync(tenantUserId, unitId, Pocket.Electricity, BudgetPeriod.Monthly, 100m, BudgetMode.NotifyOnly)).IsSuccess);
        await PostAsync("use-1", Pocket.Electricity, -85m);
        await credit.EvaluateAsync([unitId]);
        await credit.EvaluateAsync([unitId]);
        var warned = Assert.Single(await BudgetNoticesAsync());
        Assert.Equal("Electricity budget at 80 %", warned.Title);

        await PostAsync("use-2", Pocket.Electricity, -20m);
        await credit.EvaluateAsync([unitId]);
        await credit.EvaluateAsync(null);
        var notices = await BudgetNoticesAsync();
        Assert.Equal(["Electricity budget at 80 %", "Electricity budget reached"], notices.Select(n => n.Title));
        Assert.Contains("R 105,00", notices[1].Body, StringComparison.Ordinal);
        Assert.Empty(await CommandsAsync(meterId));

        var spend = Assert.Single(await budgets.SpendingAsync(unitId));
        Assert.Equal(105m, spend.Spent);
        Assert.Equal(BudgetLevel.Reached, spend.Level);
    }

    [Fact]
    public async Task HardBudgetReached_SwitchesElectricityOffOutsideFriendlyHours_AndBackOnWhenRaised_WaterNeverCut()
    {
        Assert.True((await budgets.SetAsync(tenantUserId, unitId, Pocket.Electricity, BudgetPeriod.Daily, 50m, BudgetMode.CutElectricity)).IsSuccess);
        Assert.True((await budgets.SetAsync(tenantUserId, unitId, Pocket.Water, BudgetPeriod.Daily, 10m, BudgetMode.NotifyOnly)).IsSuccess);
        await PostAsync("use-e", Pocket.Electricity, -60m);
        await PostAsync("use-w", Pocket.Water, -30m);

        var cut = await credit.EvaluateAsync([unitId]);
        Assert.Equal(1, cut.Disconnections);
        var off = Assert.Single(await CommandsAsync(meterId));
        Assert.Equal(CommandKind.RelayOff, off.Kind);
        Assert.Contains("spend budget", off.Reason, StringComparison.Ordinal);
        Assert.Empty(await CommandsAsync(waterMeterId));

        Assert.True((await budgets.SetAsync(tenantUserId, unitId, Pocket.Electricity, BudgetPeriod.Daily, 100m, BudgetMode.CutElectricity)).IsSuccess);
        var raised = await credit.EvaluateAsync([unitId]);
        Assert.Equal(1, raised.Reconnections);
        Assert.Equal([CommandKind.RelayOff, CommandKind.RelayOn], (await CommandsAsync(meterId)).Select(c => c.Kind));
        Assert.Empty(await CommandsAsync(waterMeterId));
    }

    [Fact]
    public async Task HardBudgetReachedInFriendlyHours_Waits_ThenTheNextDayStartsAFreshBudget()
    {
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 2, 16, 30, 0, TimeSpan.Zero)); // 18:30 SAST
        Assert.True((await budgets.SetAsync(tenantUserId, unitId, Pocket.Electricity, BudgetPeriod.Daily, 50m, BudgetMode.CutElectricity)).IsSuccess);
        await PostAsync("use-e", Pocket.Electricity, -60m);
        var evening = await credit.EvaluateAsync([unitId]);
        Assert.Equal(1, evening.Deferred);
        Assert.Empty(await CommandsAsync(meterId));

        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 3, 6, 30, 0, TimeSpan.Zero)); // 08:30 SAST the next day: yesterday's spend no longer counts
        var morning = await credit.EvaluateAsync([unitId]);
        Assert.Equal(0, morning.Disconnections);
        Assert.Empty(await CommandsAsync(meterId));
    }

    [Fact]
    public async Task OnlyAManageHolder_SetsBudgets()
    {
        var r = await budgets.SetAsync("someone-else", unitId, Pocket.Electricity, BudgetPeriod.Daily, 50m, BudgetMode.NotifyOnly);
        Assert.Equal("not_manager", r.Errors.Single().Code);
    }
}
