using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.CreditControl;

/// <summary>
/// Issue 13 item 2: every pocket the unit has appears in the alert settings with its own threshold, hot water included,
/// and a hot-water "credit low" notice uses the hot-water threshold (not a silent R 50).
/// </summary>
public class HotWaterThresholdTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private WalletSettingsService settings = null!;
    private readonly Captured captured = new();
    private CreditControlService credit = null!;
    private int estateId, unitId, walletId;

    private sealed class Captured : ILowBalanceListener
    {
        public List<LowBalance> Low { get; } = [];

        public Task OnLowBalanceAsync(QuantifyDbContext db, IReadOnlyList<LowBalance> pockets, CancellationToken ct)
        {
            Low.AddRange(pockets);
            return Task.CompletedTask;
        }
    }

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync(); // Monday 10:00 in Johannesburg
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        await w.MeterAsync(estateId, unitId, "SN-T-E", MeterType.Electricity, "70b3d57ed00000f1");
        await w.MeterAsync(estateId, unitId, "SN-T-H", MeterType.HotWater, "70b3d57ed00000f2");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        settings = new WalletSettingsService(w.Db.Factory);
        credit = new CreditControlService(w.Db.Factory, w.Db.Clock, new CommandSignal(), NullLogger<CreditControlService>.Instance, [captured]);
        foreach (var (pocket, amount) in new[] { (Pocket.Electricity, 500m), (Pocket.HotWater, 40m) })
            Assert.True((await ledger.PostAsync(new PostingRequest($"top-{pocket}", TransactionType.TopUp, w.Today, "test",
                [new(AccountCode.Wallet(walletId, pocket), amount), new(AccountCode.PayFastClearing, -amount)]))).IsSuccess);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    [Fact]
    public async Task AlertSettings_ListEveryMeteredPocket_HotWaterIncluded_EachWithItsOwnThreshold()
    {
        Assert.True((await settings.ConfigureAsync(unitId, Pocket.HotWater, 80m, 0m, 200m)).IsSuccess);

        var shown = WalletSettingsService.AlertPockets(await ledger.BalancesAsync(unitId), await settings.MeteredPocketsAsync(unitId));

        Assert.Equal([Pocket.Electricity, Pocket.HotWater], shown.Select(p => p.Pocket).Order());
        Assert.Equal(80m, shown.Single(p => p.Pocket == Pocket.HotWater).LowBalanceThreshold);
        Assert.NotEqual(80m, shown.Single(p => p.Pocket == Pocket.Electricity).LowBalanceThreshold);
    }

    [Theory]
    [InlineData(80, true)]   // R 40 below an R 80 alert: low
    [InlineData(30, false)]  // R 40 above an R 30 alert: nothing (the R 50 default would have said low)
    public async Task HotWaterCreditLow_UsesTheHotWaterThreshold(int threshold, bool low)
    {
        Assert.True((await settings.ConfigureAsync(unitId, Pocket.HotWater, threshold, 0m, 200m)).IsSuccess);

        await credit.EvaluateAsync([unitId]);

        var hot = captured.Low.Where(l => l.Pocket == Pocket.HotWater).ToList();
        Assert.Equal(low, hot.Count == 1);
        if (low) Assert.Equal(80m, hot[0].Threshold);
        Assert.DoesNotContain(captured.Low, l => l.Pocket == Pocket.Electricity); // R 500 is nowhere near its alert
    }
}
