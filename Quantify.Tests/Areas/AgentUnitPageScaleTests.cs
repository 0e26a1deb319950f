using System.Diagnostics;
using Quantify.Domain.Ledger;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;
using Quantify.Web.Security;
using Xunit.Abstractions;

namespace Quantify.Tests.Areas;

/// <summary>
/// The agent's unit list on a 1,000-unit estate: every tenth unit in arrears, balances from R −1 000 to R 8 990. The
/// page, the filter counts and the numeric balance order must be right at that size. Timings are written to the test
/// output, never asserted (docs/performance.md: run with <c>--logger "console;verbosity=detailed"</c>).
/// </summary>
public class AgentUnitPageScaleTests(ITestOutputHelper output) : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private int estate;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estate = await w.EstateAsync("Big Estate");
        var ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        var requests = new List<PostingRequest>();
        await using var db = w.Db.Create();
        for (var i = 0; i < 1000; i++)
        {
            var unit = await w.UnitAsync(estate, $"U{i:0000}");
            var wallet = await LedgerService.EnsureWalletInAsync(db, unit, default);
            var amount = i % 10 == 0 ? -(i + 1000m) / 2 : i * 9m + 0.50m;
            requests.Add(new PostingRequest($"scale-{i}", amount < 0 ? TransactionType.Consumption : TransactionType.TopUp, w.Today, "scale",
                [new(AccountCode.Wallet(wallet, Pocket.Electricity), amount), new(amount < 0 ? AccountCode.Revenue(estate, Pocket.Electricity) : AccountCode.Bank, -amount)]));
        }
        await db.SaveChangesAsync();
        Assert.All(await ledger.PostBatchInAsync(db, requests, default), r => Assert.True(r.IsSuccess));
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    [Fact]
    public async Task OnAThousandUnits_PagesFiltersAndBalanceOrderAreRight()
    {
        var areas = new AreaQueries(w.Db.Factory, w.Db.Clock);
        var scope = new UserScope("agent", new HashSet<string> { Roles.ManagingAgent }, new Dictionary<string, IReadOnlySet<int>> { [Roles.ManagingAgent] = new HashSet<int> { estate } },
            new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

        async Task<PagedResult<UnitRow>> Timed(string what, UnitPageQuery q)
        {
            var sw = Stopwatch.StartNew();
            var page = await areas.UnitPageAsync(scope, Roles.ManagingAgent, q);
            output.WriteLine($"{what}: {sw.Elapsed.TotalMilliseconds:0} ms");
            return page;
        }

        await Timed("cold first page", new UnitPageQuery());
        var first = await Timed("first page (estate, unit)", new UnitPageQuery());
        Assert.Equal(1000, first.TotalCount);
        Assert.Equal(25, first.Items.Count);

        var arrears = await Timed("in arrears", new UnitPageQuery(Filter: UnitFilter.InArrears));
        Assert.Equal(100, arrears.TotalCount);

        var byBalance = await Timed("sorted by balance, descending", new UnitPageQuery(SortBy: nameof(UnitRow.Balance), Descending: true, PageSize: 1000));
        Assert.Equal(8991.50m, byBalance.Items[0].Balance);
        Assert.Equal(-995m, byBalance.Items[^1].Balance);
        Assert.Equal(byBalance.Items.Select(r => r.Balance).OrderDescending(), byBalance.Items.Select(r => r.Balance));

        await Timed("searched", new UnitPageQuery(Search: "U09"));
        await Timed("last page sorted by last top-up", new UnitPageQuery(SortBy: nameof(UnitRow.LastTopUp), Page: 39));
    }
}
