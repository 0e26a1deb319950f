using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Security;

namespace Quantify.Tests.Ledger;

/// <summary>
/// What residents and admins read from the ledger, over two units of two estates: the wallet page's history (filters,
/// paging, CSV) and unit picker, the pocket settings (suspend, resume, configure, the estate's default split, the
/// metered pockets), the financial periods of one estate not touching another's, and the history's kinds and paging.
/// Found by the Ledger mutation run of 2026-12-07 (these paths had no fast test).
/// </summary>
public class WalletReadingsOfTheLedgerTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private WalletQueries wallets = null!;
    private WalletSettingsService settings = null!;
    private int estateA, estateB, unitA, unitB, walletA, walletB;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();     // the clock starts on 2026-11-02
        estateA = await w.EstateAsync("Silverleaf");
        estateB = await w.EstateAsync("Oakridge");
        unitA = await w.UnitAsync(estateA, "A101");
        unitB = await w.UnitAsync(estateB, "B201");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        wallets = new WalletQueries(w.Db.Factory);
        settings = new WalletSettingsService(w.Db.Factory);
        walletA = await ledger.EnsureWalletAsync(unitA);
        walletB = await ledger.EnsureWalletAsync(unitB);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task TopUpAsync(int wallet, string key, DateOnly day, decimal electricity, decimal water = 0m)
    {
        var split = new Dictionary<Pocket, decimal> { [Pocket.Electricity] = electricity };
        if (water != 0m) split[Pocket.Water] = water;
        var r = await ledger.PostAsync(Postings.TopUp(key, day, $"EFT \"{key}\"", wallet, split, AccountCode.Bank));
        Assert.True(r.IsSuccess, r.IsFailure ? r.Errors[0].Message : "");
    }

    private static UserScope Scope(int[] tenant, int[] family, int[] owner) =>
        UserScope.Anonymous with { UserId = "u", TenantUnits = tenant.ToHashSet(), FamilyUnits = family.ToHashSet(), OwnerUnits = owner.ToHashSet() };

    private async Task SqlAsync(string sql, params (string Name, object Value)[] values)
    {
        await using var conn = new SqliteConnection(w.Db.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in values) cmd.Parameters.AddWithValue(name, value);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public void TheWalletAUserMaySee_IsOneOfTheirUnits_NeverAnotherAsked()
    {
        var scope = Scope([7], [3], [5, 7]);

        Assert.Equal([3, 5, 7], WalletQueries.UnitsOf(scope));
        Assert.Equal(3, WalletQueries.UnitFor(scope));
        Assert.Equal(5, WalletQueries.UnitFor(scope, 5));
        Assert.Null(WalletQueries.UnitFor(scope, 4));
        Assert.Null(WalletQueries.UnitFor(UserScope.Anonymous));
    }

    [Fact]
    public async Task TheUnitPicker_LabelsEachUnitWithItsEstate_InTheOrderGiven_SkippingUnknownUnits()
    {
        var labels = await wallets.UnitLabelsAsync([unitB, 9999, unitA]);

        Assert.Equal([(unitB, "Oakridge · B201"), (unitA, "Silverleaf · A101")], labels);
        Assert.Empty(await wallets.UnitLabelsAsync([]));
        Assert.Equal(estateB, await wallets.EstateOfWalletAsync(walletB));
        Assert.Equal(estateA, await wallets.EstateOfUnitAsync(unitA));
        Assert.Null(await wallets.EstateOfWalletAsync(9999));
        Assert.Null(await wallets.EstateOfUnitAsync(9999));
    }

    [Fact]
    public async Task TheHistory_IsTheUnitsOwnLines_NewestFirst_FilteredByPocketAndDates_AndPaged()
    {
        await TopUpAsync(walletA, "a1", new DateOnly(2026, 10, 5), 10m, 1m);
        await TopUpAsync(walletA, "a2", new DateOnly(2026, 10, 15), 20m);
        await TopUpAsync(walletA, "a3", new DateOnly(2026, 10, 25), 30m, 3m);
        await TopUpAsync(walletB, "b1", new DateOnly(2026, 10, 15), 99m);

        var (all, total) = await wallets.HistoryAsync(unitA, null, null, null, 0, 10);
        Assert.Equal(5, total);
        Assert.Equal([3m, 30m, 20m, 1m, 10m], all.Select(e => e.Amount));
        Assert.DoesNotContain(all, e => e.Amount == 99m);

        var (water, waterTotal) = await wallets.HistoryAsync(unitA, Pocket.Water, null, null, 0, 10);
        Assert.Equal(2, waterTotal);
        Assert.All(water, e => Assert.Equal(Pocket.Water, e.Pocket));

        var (mid, midTotal) = await wallets.HistoryAsync(unitA, null, new DateOnly(2026, 10, 15), new DateOnly(2026, 10, 15), 0, 10);
        Assert.Equal(1, midTotal);
        Assert.Equal(20m, Assert.Single(mid).Amount);
        var (from, _) = await wallets.HistoryAsync(unitA, null, new DateOnly(2026, 10, 16), null, 0, 10);
        Assert.Equal([3m, 30m], from.Select(e => e.Amount));
        var (to, _) = await wallets.HistoryAsync(unitA, null, null, new DateOnly(2026, 10, 14), 0, 10);
        Assert.Equal([1m, 10m], to.Select(e => e.Amount));

        var (page1, pagedTotal) = await wallets.HistoryAsync(unitA, null, null, null, 1, 2);
        Assert.Equal(5, pagedTotal);
        Assert.Equal([20m, 1m], page1.Select(e => e.Amount));
    }

    [Fact]
    public async Task TheHistoryCsv_HasOneRowPerLine_WithInvariantAmounts_AndQuotedDescriptions()
    {
        await TopUpAsync(walletA, "a1", new DateOnly(2026, 10, 5), 10.5m);

        var csv = await wallets.CsvAsync(unitA, null, null, null);

        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("Posted (UTC),Value date,Number,Type,Pocket,Amount (ZAR),Description", lines[0]);
        Assert.Equal("2026-11-02 08:00:00,2026-10-05,QTX-2026-000001,TopUp,Electricity,10.50,\"EFT \"\"a1\"\"\"", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public async Task PocketSettings_ChangeOnlyThatUnitsPocket_AndAUnitWithoutAWalletIsTold()
    {
        var noWallet = await w.UnitAsync(estateA, "A102");

        Assert.True((await settings.SuspendAsync(unitA, Pocket.Water, "  meter under repair  ")).IsSuccess);
        Assert.True((await settings.ConfigureAsync(unitA, Pocket.Electricity, 25m, 30m, 0m)).IsSuccess);

        var a = await ledger.BalancesAsync(unitA);
        var b = await ledger.BalancesAsync(unitB);
        Assert.True(a.Single(p => p.Pocket == Pocket.Water).IsSuspended);
        Assert.False(b.Single(p => p.Pocket == Pocket.Water).IsSuspended);
        Assert.Equal(25m, a.Single(p => p.Pocket == Pocket.Electricity).LowBalanceThreshold);
        Assert.Equal(30m, a.Single(p => p.Pocket == Pocket.Electricity).MinimumActivationAmount);
        Assert.NotEqual(25m, b.Single(p => p.Pocket == Pocket.Electricity).LowBalanceThreshold);
        await using (var db = w.Db.Create())
            Assert.Equal("meter under repair", await db.WalletPockets.Where(p => p.WalletId == walletA && p.Pocket == Pocket.Water).Select(p => p.SuspendedReason).SingleAsync());

        Assert.True((await settings.ResumeAsync(unitA, Pocket.Water)).IsSuccess);
        Assert.False((await ledger.BalancesAsync(unitA)).Single(p => p.Pocket == Pocket.Water).IsSuspended);

        var reason = await settings.SuspendAsync(unitA, Pocket.Water, " ");
        Assert.Equal("reason_required", reason.Errors[0].Code);
        Assert.Equal("Say why the pocket is suspended (residents see it).", reason.Errors[0].Message);
        foreach (var r in new[] { await settings.SuspendAsync(noWallet, Pocket.Water, "x"), await settings.ResumeAsync(noWallet, Pocket.Water),
                     await settings.ConfigureAsync(noWallet, Pocket.Water, 1m, 1m, 1m) })
        {
            Assert.Equal("no_wallet", r.Errors[0].Code);
            Assert.Equal("This unit has no wallet yet.", r.Errors[0].Message);
        }
        Assert.True((await settings.ConfigureAsync(unitA, Pocket.Electricity, -1m, 0m, 0m)).IsFailure);
    }

    [Fact]
    public async Task TheDefaultSplit_IsTheUnitsEstates_And100ForAnUnknownUnit()
    {
        await SqlAsync("UPDATE EstateSettings SET DefaultElectricitySharePercent = '60' WHERE EstateId = $e", ("$e", estateB));

        Assert.Equal(60m, await settings.DefaultElectricitySharePercentAsync(unitB));
        Assert.Equal(80m, await settings.DefaultElectricitySharePercentAsync(unitA));
        Assert.Equal(100m, await settings.DefaultElectricitySharePercentAsync(9999));
    }

    [Fact]
    public async Task MeteredPockets_AreTheUnitsActiveMeters_And_AlertPockets_AddPocketsHoldingMoney()
    {
        await w.MeterAsync(estateA, unitA, "E-1");
        await w.MeterAsync(estateA, unitA, "HW-1", MeterType.HotWater);
        var water = await w.MeterAsync(estateA, unitA, "W-1", MeterType.Water);
        await w.MeterAsync(estateB, unitB, "S-1", MeterType.Solar);
        await SqlAsync("UPDATE Meters SET IsActive = 0 WHERE Id = $m", ("$m", water));

        var metered = await settings.MeteredPocketsAsync(unitA);

        Assert.Equal(new HashSet<Pocket> { Pocket.Electricity, Pocket.HotWater }, metered);
        static PocketBalance P(Pocket p, decimal balance) => new(p, balance, 0m, 0m, 0m, false);
        var alerts = WalletSettingsService.AlertPockets([P(Pocket.Unallocated, 5m), P(Pocket.Electricity, 0m), P(Pocket.Water, 0m), P(Pocket.HotWater, -2m), P(Pocket.Levy, 7m)], metered);
        Assert.Equal([Pocket.Electricity, Pocket.HotWater, Pocket.Levy], alerts.Select(p => p.Pocket));
    }

    [Fact]
    public async Task ClosingOneEstatesMonth_SnapshotsOnlyItsAccounts_AsAtTheMonthsLastDay_AndLeavesTheOtherEstateOpen()
    {
        var periods = new PeriodService(w.Db.Factory, w.Db.Clock);
        await TopUpAsync(walletA, "a-sep", new DateOnly(2026, 9, 30), 5m);
        await TopUpAsync(walletA, "a-oct", new DateOnly(2026, 10, 31), 10m);
        await TopUpAsync(walletA, "a-nov", new DateOnly(2026, 11, 1), 100m);
        await TopUpAsync(walletB, "b-oct", new DateOnly(2026, 10, 20), 50m);

        Assert.True((await periods.CloseAsync(estateA, 2025, 12)).IsSuccess);
        Assert.True((await periods.CloseAsync(estateA, 2026, 9)).IsSuccess);
        Assert.True((await periods.CloseAsync(estateA, 2026, 10)).IsSuccess);

        Assert.Equal([(2026, 10), (2026, 9), (2025, 12)], (await periods.ListAsync(estateA)).Select(p => (p.Year, p.Month)));
        Assert.Empty(await periods.ListAsync(estateB));
        await using var db = w.Db.Create();
        Assert.Equal(PeriodStatus.Open, await PeriodService.StatusOnAsync(db, estateB, new DateOnly(2026, 10, 20), default));
        Assert.Equal(PeriodStatus.Closed, await PeriodService.StatusOnAsync(db, estateA, new DateOnly(2026, 10, 20), default));
        Assert.Equal(PeriodStatus.Open, await PeriodService.StatusOnAsync(db, estateA, new DateOnly(2027, 10, 20), default));
        var october = await db.FinancialPeriods.SingleAsync(p => p.EstateId == estateA && p.Month == 10);
        var snapshot = await (from b in db.PeriodBalances join a in db.LedgerAccounts on b.AccountId equals a.Id where b.PeriodId == october.Id select new { a.Code, a.WalletId, b.Balance }).ToListAsync();
        Assert.DoesNotContain(snapshot, s => s.WalletId == walletB);
        Assert.Equal(15m, snapshot.Single(s => s.Code == AccountCode.Wallet(walletA, Pocket.Electricity).ToString()).Balance); // not the 1 November R 100

        Assert.Equal("not_closed", (await periods.LockAsync(estateB, 2026, 10)).Errors[0].Code);
        Assert.Equal("2026-10 has not been closed.", (await periods.ReopenAsync(estateB, 2026, 10, "why")).Errors[0].Message);
        Assert.True((await periods.LockAsync(estateA, 2026, 10)).IsSuccess);
        Assert.True((await periods.CloseAsync(estateB, 2026, 10)).IsSuccess);
        Assert.Equal(PeriodStatus.Locked, (await periods.ListAsync(estateA))[0].Status);
        Assert.Equal(PeriodStatus.Closed, (await periods.ListAsync(estateB))[0].Status);
    }

    [Fact]
    public void HistoryKinds_HaveTheirWords_AndEveryTransactionTypeBelongsToExactlyOneKind()
    {
        Assert.Equal(["Top-ups", "Usage", "Fees and charges", "Adjustments and refunds"], Enum.GetValues<HistoryKind>().Select(HistoryKinds.Label));
        Assert.Equal(Enum.GetValues<TransactionType>().Order(), Enum.GetValues<HistoryKind>().SelectMany(HistoryKinds.TypesOf).Order());
        Assert.Equal(HistoryKind.Adjustments, HistoryKinds.Of(TransactionType.Reversal));
        Assert.Equal(HistoryKind.Charges, HistoryKinds.Of(TransactionType.Levy));
    }

    [Fact]
    public async Task TheWalletHistoryPage_RefusesANegativePageOrAnEmptyPageSize_AndShowsOnlyTheUnitsOwnRows()
    {
        var history = new WalletHistoryQueries(w.Db.Factory);
        await TopUpAsync(walletA, "a1", new DateOnly(2026, 10, 5), 10m);
        await TopUpAsync(walletB, "b1", new DateOnly(2026, 10, 5), 20m);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => history.PageAsync(unitA, null, null, -1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => history.PageAsync(unitA, null, null, 0, 0));
        var (rows, total) = await history.PageAsync(unitA, [HistoryKind.TopUps], null, 0, 10);
        Assert.Equal(1, total);
        var row = Assert.Single(rows);
        Assert.Equal(10m, row.Amount);
        Assert.Equal("EFT \"a1\"", row.Entry!.Description);
        Assert.Equal("QTX-2026-000001", row.Entry.Number);
        Assert.Equal((IReadOnlyList<WalletHistoryRow>)[], (await history.PageAsync(unitA, [HistoryKind.Charges], null, 0, 10)).Rows);
        Assert.Equal(0, (await history.PageAsync(9999, null, null, 0, 10)).Total);
    }

    [Fact]
    public async Task TheVacancyRule_IsPerEstate_OwnerPaysByDefault_AndAnUnknownEstateIsTold()
    {
        var vacancy = new VacancyBillingService(w.Db.Factory);

        Assert.True((await vacancy.SetAsync(estateB, VacantConsumption.CommonProperty)).IsSuccess);

        Assert.Equal(VacantConsumption.OwnerWallet, await vacancy.RuleAsync(estateA));
        Assert.Equal(VacantConsumption.CommonProperty, await vacancy.RuleAsync(estateB));
        var rules = await vacancy.RulesAsync([estateA, estateB, estateB]);
        Assert.Equal(2, rules.Count);
        Assert.Equal(VacantConsumption.CommonProperty, rules[estateB]);
        Assert.True((await vacancy.SetAsync(estateB, VacantConsumption.OwnerWallet)).IsSuccess);
        Assert.Equal(VacantConsumption.OwnerWallet, await vacancy.RuleAsync(estateB));
        var missing = await vacancy.SetAsync(9999, VacantConsumption.CommonProperty);
        Assert.Equal("not_found", missing.Errors[0].Code);
        Assert.Equal("Estate #9999 has no settings.", missing.Errors[0].Message);
        Assert.Equal("While vacant, this unit's consumption is billed to the estate's common property (the body corporate pays).",
            VacancyBillingService.Describe(VacantConsumption.CommonProperty));
        Assert.Equal("While vacant, this unit's consumption is billed to its own wallet: the owner pays.",
            VacancyBillingService.Describe(VacantConsumption.OwnerWallet));
    }
}
