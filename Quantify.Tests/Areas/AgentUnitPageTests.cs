using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Areas;

/// <summary>
/// The agent's unit list: wallet balances from the ledger, arrears and low-balance flags, filters, sorting and paging in
/// the database, and never a row from an estate the agent is not assigned to.
/// Silverleaf: A1 electricity −R 20 (arrears); A2 electricity R 30 (low); A3 water −R 150 with a debt-cap alert raised
/// 12 days ago (arrears, 12 days); A4 R 1 000 (fine); A5 vacant, no meters. Oakridge: B1 −R 50 (arrears).
/// </summary>
public class AgentUnitPageTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private AreaQueries areas = null!;
    private int silverleaf, oakridge, a1, a2, a3, a4, a5, b1;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        areas = new AreaQueries(w.Db.Factory, w.Db.Clock);
        silverleaf = await w.EstateAsync("Silverleaf");
        oakridge = await w.EstateAsync("Oakridge");
        (a1, a2, a3, a4) = (await UnitAsync(silverleaf, "A1"), await UnitAsync(silverleaf, "A2"), await UnitAsync(silverleaf, "A3"), await UnitAsync(silverleaf, "A4"));
        a5 = await w.UnitAsync(silverleaf, "A5");
        b1 = await UnitAsync(oakridge, "B1");
        await w.MeterAsync(silverleaf, a2, "SN-A2-W", MeterType.Water);
        var a3Water = await w.MeterAsync(silverleaf, a3, "SN-A3-W", MeterType.Water);

        await PostAsync(a1, Pocket.Electricity, 100m, TransactionType.TopUp);
        await PostAsync(a1, Pocket.Electricity, -120m, TransactionType.Consumption);
        await PostAsync(a2, Pocket.Electricity, 30m, TransactionType.TopUp);
        await PostAsync(a2, Pocket.Water, 80m, TransactionType.TopUp);
        await PostAsync(a3, Pocket.Electricity, 500m, TransactionType.TopUp);
        await PostAsync(a3, Pocket.Water, -150m, TransactionType.Consumption);
        await PostAsync(a4, Pocket.Electricity, 1000m, TransactionType.TopUp);
        await PostAsync(b1, Pocket.Electricity, -50m, TransactionType.Consumption);
        await using var db = w.Db.Create();
        db.MeterAlerts.Add(new MeterAlert(a3Water, AlertKind.DebtCap, AlertSeverity.Warning, "Water at its debt cap", w.Db.Clock.GetUtcNow().AddDays(-12).AddHours(-3)));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task<int> UnitAsync(int estateId, string number)
    {
        var unit = await w.UnitAsync(estateId, number);
        await w.MeterAsync(estateId, unit, $"SN-{number}-E");
        await w.TenancyAsync(unit, await w.PersonAsync("Tenant" + number));
        return unit;
    }

    private static int seq;

    private async Task PostAsync(int unitId, Pocket pocket, decimal amount, TransactionType type)
    {
        var wallet = await ledger.EnsureWalletAsync(unitId);
        var estate = unitId == b1 ? oakridge : silverleaf;
        var other = type == TransactionType.Consumption ? AccountCode.Revenue(estate, pocket) : AccountCode.Bank;
        var posted = await ledger.PostAsync(new PostingRequest($"test-{Interlocked.Increment(ref seq)}", type, w.Today, $"{type} {amount}",
            [new(AccountCode.Wallet(wallet, pocket), amount), new(other, -amount)]));
        Assert.True(posted.IsSuccess, posted.IsFailure ? posted.Describe() : null);
    }

    private static UserScope Agent(params int[] estates) => new("agent", new HashSet<string> { Roles.ManagingAgent },
        new Dictionary<string, IReadOnlySet<int>> { [Roles.ManagingAgent] = estates.ToHashSet() }, new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    private Task<PagedResult<UnitRow>> Page(UnitPageQuery query, params int[] estates) => areas.UnitPageAsync(Agent(estates), Roles.ManagingAgent, query);

    [Fact]
    public async Task Rows_CarryTheWalletBalanceTotalAndPerPocket_TheFlags_AndTheLastTopUp()
    {
        var page = await Page(new UnitPageQuery(PageSize: 50), silverleaf);

        Assert.Equal(5, page.TotalCount);
        var rows = page.Items.ToDictionary(r => r.Id);
        Assert.Equal(-20m, rows[a1].Balance);
        Assert.Equal(-20m, rows[a1].Pockets!.Single(p => p.Pocket == Pocket.Electricity).Balance);
        Assert.True(rows[a1].InArrears);
        Assert.Null(rows[a1].DaysInArrears);
        Assert.Equal(w.Today, rows[a1].LastTopUp);

        Assert.Equal(110m, rows[a2].Balance);
        Assert.True(rows[a2].LowBalance);
        Assert.False(rows[a2].InArrears);

        Assert.Equal(350m, rows[a3].Balance);
        Assert.Equal(-150m, rows[a3].Pockets!.Single(p => p.Pocket == Pocket.Water).Balance);
        Assert.True(rows[a3].InArrears);
        Assert.Equal(12, rows[a3].DaysInArrears);
        Assert.False(rows[a3].LowBalance);

        Assert.Equal(1000m, rows[a4].Balance);
        Assert.False(rows[a4].InArrears || rows[a4].LowBalance);

        Assert.Equal(0m, rows[a5].Balance);
        Assert.Equal(Occupancy.Vacant, rows[a5].Occupancy);
        Assert.False(rows[a5].InArrears || rows[a5].LowBalance);
        Assert.Null(rows[a5].LastTopUp);
    }

    [Fact]
    public async Task Filters_InArrears_LowBalance_Vacant_ReturnOnlyThoseUnits()
    {
        var arrears = await Page(new UnitPageQuery(Filter: UnitFilter.InArrears), silverleaf);
        Assert.Equal([a1, a3], arrears.Items.Select(r => r.Id).Order());
        Assert.Equal(2, arrears.TotalCount);
        Assert.Equal([a2], (await Page(new UnitPageQuery(Filter: UnitFilter.LowBalance), silverleaf)).Items.Select(r => r.Id));
        Assert.Equal([a5], (await Page(new UnitPageQuery(Filter: UnitFilter.Vacant), silverleaf)).Items.Select(r => r.Id));
    }

    [Fact]
    public async Task SortingByBalance_IsNumericInTheDatabase_AndPagesFollowTheSort()
    {
        var ascending = await Page(new UnitPageQuery(SortBy: nameof(UnitRow.Balance), PageSize: 50), silverleaf);
        Assert.Equal([a1, a5, a2, a3, a4], ascending.Items.Select(r => r.Id));

        var secondPage = await Page(new UnitPageQuery(SortBy: nameof(UnitRow.Balance), Descending: true, Page: 1, PageSize: 2), silverleaf);
        Assert.Equal([a2, a5], secondPage.Items.Select(r => r.Id));
        Assert.Equal(5, secondPage.TotalCount);
    }

    [Fact]
    public async Task AnAgentOfOneEstate_NeverGetsAnotherEstatesRows_EvenWhenSearchingOrFilteringForThem()
    {
        var mine = await Page(new UnitPageQuery(PageSize: 50), silverleaf);
        Assert.DoesNotContain(mine.Items, r => r.Id == b1);
        Assert.All(mine.Items, r => Assert.Equal("Silverleaf", r.EstateName));
        Assert.Empty((await Page(new UnitPageQuery(Search: "B1"), silverleaf)).Items);
        Assert.Empty((await Page(new UnitPageQuery(Search: "Oakridge", Filter: UnitFilter.InArrears), silverleaf)).Items);

        var other = await Page(new UnitPageQuery(Filter: UnitFilter.InArrears), oakridge);
        Assert.Equal([b1], other.Items.Select(r => r.Id));
        Assert.Equal(0, (await Page(new UnitPageQuery(PageSize: 50))).TotalCount);
    }

    [Fact]
    public async Task Search_MatchesUnitNumberAndTenant()
    {
        Assert.Equal([a3], (await Page(new UnitPageQuery(Search: "A3"), silverleaf)).Items.Select(r => r.Id));
        Assert.Equal([a4], (await Page(new UnitPageQuery(Search: "TenantA4"), silverleaf)).Items.Select(r => r.Id));
    }
}
