using Bunit;
using MudBlazor.Services;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Components.Pages.Owner;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Usage;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Components;

/// <summary>
/// The owner's analytics through the real query on a real database, then rendered. Silverleaf in November 2026 (today
/// the 20th): the owner's O1 used 200 kWh (R 500), O2 100 kWh; two other owners' units 50 kWh each; a vacant unit 500
/// kWh. Estate average per occupied unit = (200 + 100 + 50 + 50) / 4 = 100, so O1 is +100 % and O2 0 %. O1's tenant
/// left on 15 October and the next moved in on 1 November: October has 15 occupied and 16 vacant days.
/// </summary>
public class OwnerAnalyticsTests : IAsyncLifetime
{
    private readonly BunitContext ctx = new();
    private MasterDataWorld w = null!;
    private OwnerAnalytics analytics = null!;
    private int silverleaf, o1, o2, x1, x2, vacant, y1;
    private int ownerPerson, otherOwner;

    public async Task InitializeAsync()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero));
        analytics = new OwnerAnalytics(w.Db.Factory, w.Db.Clock);
        silverleaf = await w.EstateAsync("Silverleaf");
        var oakridge = await w.EstateAsync("Oakridge");
        ownerPerson = await w.PersonAsync("Pieter");
        otherOwner = await w.PersonAsync("Other");

        o1 = await w.UnitAsync(silverleaf, "O1");
        Assert.True((await w.Occupancy.AddTenancyAsync(o1, await w.PersonAsync("Left"), new DateOnly(2025, 6, 1), new DateOnly(2026, 10, 15))).IsSuccess);
        Assert.True((await w.Occupancy.AddTenancyAsync(o1, await w.PersonAsync("New"), new DateOnly(2026, 11, 1), null)).IsSuccess);
        o2 = await OccupiedAsync(silverleaf, "O2");
        x1 = await OccupiedAsync(silverleaf, "X1");
        x2 = await OccupiedAsync(silverleaf, "X2");
        vacant = await w.UnitAsync(silverleaf, "V1");
        y1 = await OccupiedAsync(oakridge, "Y1");
        foreach (var u in new[] { o1, o2 }) await w.Occupancy.AddOwnershipAsync(u, ownerPerson, new DateOnly(2020, 1, 1), null);
        foreach (var u in new[] { x2, y1 }) await w.Occupancy.AddOwnershipAsync(u, otherOwner, new DateOnly(2020, 1, 1), null);

        await ReadingsAsync(silverleaf, o1, 200m, 500m);
        await ReadingsAsync(silverleaf, o2, 100m, 250m);
        await ReadingsAsync(silverleaf, x1, 50m, 125m);
        await ReadingsAsync(silverleaf, x2, 50m, 125m);
        await ReadingsAsync(silverleaf, vacant, 500m, 1250m);
        await ReadingsAsync(oakridge, y1, 9000m, 20000m);

        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        var wallet = await ledger.EnsureWalletAsync(o1);
        Assert.True((await ledger.PostAsync(new PostingRequest("o1-topup", TransactionType.TopUp, new DateOnly(2026, 11, 3), "EFT",
            [new(AccountCode.Wallet(wallet, Pocket.Electricity), 600m), new(AccountCode.Bank, -600m)]))).IsSuccess);
        Assert.True((await ledger.PostAsync(new PostingRequest("o1-use", TransactionType.Consumption, new DateOnly(2026, 11, 10), "Electricity",
            [new(AccountCode.Wallet(wallet, Pocket.Electricity), -500m), new(AccountCode.Revenue(silverleaf, Pocket.Electricity), 500m)]))).IsSuccess);
    }

    public async Task DisposeAsync()
    {
        await ctx.DisposeAsync();
        await w.DisposeAsync();
    }

    private async Task<int> OccupiedAsync(int estate, string number)
    {
        var unit = await w.UnitAsync(estate, number);
        await w.TenancyAsync(unit, await w.PersonAsync("T" + number));
        return unit;
    }

    /// <summary>One meter with a baseline last month, one billed reading in October (ignored) and two this month adding up to <paramref name="quantity"/>.</summary>
    private async Task ReadingsAsync(int estate, int unit, decimal quantity, decimal cost)
    {
        var meter = await w.MeterAsync(estate, unit, $"SN-{unit}");
        await using var db = w.Db.Create();
        void Add(DateTimeOffset at, decimal? q, decimal? amount, ReadingStatus status = ReadingStatus.Billed)
        {
            var r = new MeterReading(meter, at, 0m, $"k-{at.Ticks}", "test", at);
            r.SetConsumption(q, status);
            if (amount is decimal a) r.MarkBilled(a);
            db.MeterReadings.Add(r);
        }
        Add(new DateTimeOffset(2026, 10, 20, 6, 0, 0, TimeSpan.Zero), 1000m, 2500m);
        Add(new DateTimeOffset(2026, 11, 5, 6, 0, 0, TimeSpan.Zero), quantity / 2, cost / 2);
        Add(new DateTimeOffset(2026, 11, 12, 6, 0, 0, TimeSpan.Zero), quantity / 2, cost / 2);
        Add(new DateTimeOffset(2026, 11, 13, 6, 0, 0, TimeSpan.Zero), 99999m, null, ReadingStatus.Anomaly);
        await db.SaveChangesAsync();
    }

    private static UserScope Owner(params int[] units) => new("owner", new HashSet<string> { Roles.Owner }, new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int>(), new HashSet<int>(), units.ToHashSet(), new Dictionary<int, int>());

    [Fact]
    public async Task Query_ComparesEachUnitToItsEstatesAveragePerOccupiedUnit_ForThisMonthOnly()
    {
        var report = await analytics.ForOwnerAsync(Owner(o1, o2));

        var top = report.TopConsumers(Utility.Electricity);
        Assert.Equal([o1, o2], top.Select(c => c.UnitId));
        Assert.Equal(200m, top[0].Quantity);
        Assert.Equal(500m, top[0].Cost);
        Assert.Equal(100m, top[0].EstateAverage);
        Assert.Equal(4, top[0].EstateOccupiedUnits);
        Assert.Equal(100m, top[0].VersusAveragePercent);
        Assert.Equal(0m, top[1].VersusAveragePercent);
    }

    [Fact]
    public async Task Query_NeverIncludesAnotherOwnersUnits()
    {
        var report = await analytics.ForOwnerAsync(Owner(o1, o2));
        int[] others = [x1, x2, vacant, y1];
        Assert.DoesNotContain(report.Consumption, c => others.Contains(c.UnitId));
        Assert.DoesNotContain(report.Vacancy, v => others.Contains(v.UnitId));
        Assert.DoesNotContain(report.Reconciliation, r => others.Contains(r.UnitId));

        var other = await analytics.ForOwnerAsync(Owner(x2, y1));
        Assert.Equal([x2, y1], other.Consumption.Select(c => c.UnitId).Order());
        Assert.Same(OwnerAnalyticsReport.Empty, await analytics.ForOwnerAsync(Owner()));
    }

    [Fact]
    public async Task Vacancy_ATenancyEndingMidMonth_LeavesTheRestOfTheMonthVacant()
    {
        var report = await analytics.ForOwnerAsync(Owner(o1, o2));

        var months = report.Vacancy.Single(v => v.UnitId == o1).Months;
        Assert.Equal(12, months.Count);
        Assert.Equal(new DateOnly(2025, 12, 1), months[0].Month);
        var october = months.Single(m => m.Month == new DateOnly(2026, 10, 1));
        Assert.Equal((15, 16), (october.OccupiedDays, october.VacantDays));
        var november = months[^1];
        Assert.Equal((20, 0), (november.OccupiedDays, november.VacantDays)); // counted to today, the 20th
        Assert.Equal((30, 0), (months[^3].OccupiedDays, months[^3].VacantDays)); // September: occupied throughout

        // O2's tenant moved in six months ago (20 May 2026): all of April vacant, May vacant until the 19th.
        var o2Months = report.Vacancy.Single(v => v.UnitId == o2).Months;
        Assert.Equal((0, 30), (o2Months.Single(m => m.Month == new DateOnly(2026, 4, 1)).OccupiedDays, o2Months.Single(m => m.Month == new DateOnly(2026, 4, 1)).VacantDays));
        Assert.Equal(19, o2Months.Single(m => m.Month == new DateOnly(2026, 5, 1)).VacantDays);

        var portfolioOctober = report.PortfolioVacancy.Single(m => m.Month == new DateOnly(2026, 10, 1));
        Assert.Equal((46, 16), (portfolioOctober.OccupiedDays, portfolioOctober.VacantDays));
        Assert.Equal(25.8m, portfolioOctober.VacancyPercent);
    }

    [Fact]
    public async Task Reconciliation_ShowsTopUpsAgainstConsumptionChargedThisMonth()
    {
        var report = await analytics.ForOwnerAsync(Owner(o1, o2));
        var row = report.Reconciliation.Single(r => r.UnitId == o1 && r.Pocket == Pocket.Electricity);
        Assert.Equal((600m, 500m, 100m, 100m), (row.TopUps, row.Consumption, row.Net, row.Balance));
    }

    [Fact]
    public async Task Components_ShowRankPercentAgainstAverageVacancyAndReconciliation()
    {
        var report = await analytics.ForOwnerAsync(Owner(o1, o2));

        var comparison = ctx.Render<OwnerEstateComparison>(p => p.Add(x => x.Report, report));
        Assert.Contains("+100 %", comparison.Find($"[data-testid=versus-Electricity-{o1}]").TextContent, StringComparison.Ordinal);
        Assert.Contains("0 %", comparison.Find($"[data-testid=versus-Electricity-{o2}]").TextContent, StringComparison.Ordinal);

        var top = ctx.Render<OwnerTopConsumers>(p => p.Add(x => x.Report, report));
        var rows = top.FindAll("[data-testid=top-Electricity] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("Silverleaf O1", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("R 500,00", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("+100 %", rows[0].TextContent, StringComparison.Ordinal);

        var vacancy = ctx.Render<OwnerVacancy>(p => p.Add(x => x.Report, report));
        var o1Cells = vacancy.FindAll($"[data-testid=vacancy-{o1}] td").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("16", o1Cells[^2]); // October's vacant days (November is last)
        Assert.Contains("25,8 %", vacancy.Find("[data-testid=vacancy-portfolio]").TextContent, StringComparison.Ordinal);

        var recon = ctx.Render<OwnerReconciliation>(p => p.Add(x => x.Report, report));
        var line = recon.Find($"[data-testid=recon-{o1}-Electricity]").TextContent;
        Assert.Contains("R 600,00", line, StringComparison.Ordinal);
        Assert.Contains("R 100,00", line, StringComparison.Ordinal);
    }
}
