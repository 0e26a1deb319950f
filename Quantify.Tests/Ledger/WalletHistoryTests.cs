using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Components.Shared;
using Quantify.Web.Features.Ledger;

namespace Quantify.Tests.Ledger;

/// <summary>
/// The wallet history as residents read it (issue 13 item 2): usage grouped per pocket per day with exact sums,
/// days split at SAST midnight, filters by kind, paging over groups and single lines, and the rendered component.
/// Silverleaf, 5-6 Dec 2026; the clock is moved so that readings either side of SAST midnight share a UTC date.
/// </summary>
public class WalletHistoryTests : IAsyncLifetime
{
    private static readonly DateOnly Dec5 = new(2026, 12, 5), Dec6 = new(2026, 12, 6);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private WalletHistoryQueries history = null!;
    private int estateId, unitId, walletId;
    private long readingId = 1000;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero));
        estateId = await w.EstateAsync();
        unitId = await w.UnitAsync(estateId);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        walletId = await ledger.EnsureWalletAsync(unitId);
        history = new WalletHistoryQueries(w.Db.Factory);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task PostAsync(PostingRequest request)
    {
        var r = await ledger.PostAsync(request);
        Assert.True(r.IsSuccess, r.IsFailure ? r.Errors[0].Message : "");
    }

    /// <summary>One billed reading, as the biller posts it: value date = the reading's SAST date.</summary>
    private async Task<decimal> UseAsync(Pocket pocket, DateOnly day, decimal exclVat)
    {
        var vat = Math.Round(exclVat * 0.15m, 2, MidpointRounding.AwayFromZero);
        await PostAsync(Postings.Consumption(readingId++, walletId, estateId, pocket, exclVat, vat, day, $"{pocket} reading"));
        return -(exclVat + vat);
    }

    private Task TopUpAsync(string key, decimal amount, DateOnly day) =>
        PostAsync(Postings.TopUp(key, day, "EFT top-up", walletId, new Dictionary<Pocket, decimal> { [Pocket.Electricity] = amount }, AccountCode.Bank));

    [Fact]
    public async Task FortyEightReadings_AreOneRowPerPocketAndDay_WhoseAmountIsTheirExactSum()
    {
        var expected = 0m;
        for (var i = 0; i < 48; i++) expected += await UseAsync(Pocket.Electricity, Dec5, 0.17m + (0.01m * (i % 7)));
        var water = await UseAsync(Pocket.Water, Dec5, 3.33m);

        var (rows, total) = await history.PageAsync(unitId, null, null, 0, 20);

        Assert.Equal(2, total);
        var electricity = rows.Single(r => r.Pocket == Pocket.Electricity);
        Assert.True(electricity.IsUsageDay);
        Assert.Equal((HistoryKind.Usage, Dec5, 48), (electricity.Kind, electricity.Day, electricity.Count));
        Assert.Equal(expected, electricity.Amount);
        Assert.Equal(water, rows.Single(r => r.Pocket == Pocket.Water).Amount);
        var lines = await history.UsageDayAsync(unitId, Pocket.Electricity, Dec5);
        Assert.Equal(48, lines.Count);
        Assert.Equal(expected, lines.Sum(l => l.Amount));
    }

    [Fact]
    public async Task ReadingsEitherSideOfSastMidnight_FallOnTheirOwnDays_ThoughTheyShareAUtcDate()
    {
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 5, 21, 30, 0, TimeSpan.Zero)); // 23:30 SAST on the 5th
        var late = await UseAsync(Pocket.Electricity, Dec5, 1.00m);
        late += await UseAsync(Pocket.Electricity, Dec5, 2.00m);
        w.Db.Clock.Set(new DateTimeOffset(2026, 12, 5, 22, 30, 0, TimeSpan.Zero)); // 00:30 SAST on the 6th, still the 5th in UTC
        var early = await UseAsync(Pocket.Electricity, Dec6, 4.00m);

        var (rows, total) = await history.PageAsync(unitId, [HistoryKind.Usage], Pocket.Electricity, 0, 20);

        Assert.Equal(2, total);
        Assert.Equal([(Dec6, 1, early), (Dec5, 2, late)], rows.Select(r => (r.Day, r.Count, r.Amount)));
    }

    [Fact]
    public async Task FilterByKind_ShowsOnlyThatKind_AndUsageStaysGrouped()
    {
        await TopUpAsync("t1", 200m, Dec5);
        await UseAsync(Pocket.Electricity, Dec5, 1.00m);
        await UseAsync(Pocket.Electricity, Dec5, 1.00m);
        await PostAsync(Postings.FixedCharge(unitId, Utility.Electricity, Dec5, walletId, estateId, Pocket.Electricity, 10m, 1.50m, "Basic charge"));
        await PostAsync(Postings.Imported("adj-1", TransactionType.Adjustment, Dec6, "Meter fault credit", walletId, Pocket.Electricity, 5m, AccountCode.Adjustments));

        Assert.Equal(4, (await history.PageAsync(unitId, null, null, 0, 20)).Total);
        var topUps = (await history.PageAsync(unitId, [HistoryKind.TopUps], null, 0, 20)).Rows;
        Assert.Equal(200m, Assert.Single(topUps).Amount);
        Assert.Equal(TransactionType.TopUp, topUps[0].Entry!.Type);
        var charges = (await history.PageAsync(unitId, [HistoryKind.Charges], null, 0, 20)).Rows;
        Assert.Equal(TransactionType.ServiceCharge, Assert.Single(charges).Entry!.Type);
        var adjustments = (await history.PageAsync(unitId, [HistoryKind.Adjustments], null, 0, 20)).Rows;
        Assert.Equal(5m, Assert.Single(adjustments).Amount);
        var usage = (await history.PageAsync(unitId, [HistoryKind.Usage], null, 0, 20)).Rows;
        Assert.Equal((2, -2.30m), (Assert.Single(usage).Count, usage[0].Amount));
        var both = await history.PageAsync(unitId, [HistoryKind.TopUps, HistoryKind.Usage], null, 0, 20);
        Assert.Equal(2, both.Total);
    }

    [Fact]
    public async Task Pages_CoverEveryRowOnce_NewestFirst()
    {
        await TopUpAsync("t1", 100m, Dec5);
        await UseAsync(Pocket.Electricity, Dec5, 1.00m);
        await TopUpAsync("t2", 50m, Dec5);
        await UseAsync(Pocket.Water, Dec5, 1.00m);
        await UseAsync(Pocket.Electricity, Dec6, 1.00m);

        var first = await history.PageAsync(unitId, null, null, 0, 2);
        var second = await history.PageAsync(unitId, null, null, 1, 2);
        var third = await history.PageAsync(unitId, null, null, 2, 2);

        Assert.Equal(5, first.Total);
        var all = first.Rows.Concat(second.Rows).Concat(third.Rows).ToList();
        Assert.Equal(5, all.Count);
        Assert.Equal(all.Select(r => r.LatestLineId).OrderDescending(), all.Select(r => r.LatestLineId));
        Assert.Equal((Dec6, Pocket.Electricity), (all[0].Day, all[0].Pocket));
    }

    [Fact]
    public async Task Component_ShowsTheDayAsOneRow_ExpandsToItsLines_AndFiltersTopUps()
    {
        await TopUpAsync("t1", 200m, Dec5);
        for (var i = 0; i < 3; i++) await UseAsync(Pocket.Electricity, Dec5, 10.00m);
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(history);
        var cut = ctx.Render<WalletHistory>(p => p.Add(c => c.UnitId, unitId));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=usage-day]")));
        var day = cut.Find("[data-testid=usage-day]").TextContent;
        Assert.Contains("Electricity usage", day, StringComparison.Ordinal);
        Assert.Contains("5 Dec 2026", day, StringComparison.Ordinal);
        Assert.Contains("3 readings", day, StringComparison.Ordinal);
        Assert.Contains("-R 34,50", day, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=usage-line]"));

        cut.Find("[data-testid=usage-toggle]").Click();
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=usage-line]").Count));

        cut.Find("[data-testid=kind-TopUps]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=usage-day]")));
        Assert.Contains("R 200,00", Assert.Single(cut.FindAll("[data-testid=history-line]")).TextContent, StringComparison.Ordinal);
    }
}
