using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;
using Quantify.Web.Security;
using static Quantify.Tests.Api.ApiTestKit;

namespace Quantify.Tests.Api;

/// <summary>
/// An API key narrowed to one estate stays in it everywhere, including ledger verify, statements and the wallet CSV:
/// another estate's ledger, statement or wallet answers 404 (as if it did not exist).
/// </summary>
public class KeyNarrowingTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private TestApp App => fixture.App;

    private async Task<(int Estate, int Unit, int Wallet)> FirstUnitAsync(string estate)
    {
        var estateId = await EstateIdAsync(App, estate);
        return await DbAsync(App, async db =>
        {
            var unit = await db.Units.Where(u => u.EstateId == estateId && db.Wallets.Any(w => w.UnitId == u.Id)).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
            return (estateId, unit, await db.Wallets.Where(w => w.UnitId == unit).Select(w => w.Id).SingleAsync());
        });
    }

    private DateOnly ThisMonth()
    {
        var now = TimeZoneInfo.ConvertTime(App.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Africa/Johannesburg"));
        return new DateOnly(now.Year, now.Month, 1);
    }

    private string Statement(int unit) => $"/api/v1/units/{unit}/statements/{ThisMonth():yyyy}/{ThisMonth():MM}.pdf";

    [Fact]
    public async Task AnAdminKeyNarrowedToOneEstate_VerifiesOnlyThatEstatesLedger()
    {
        var mine = await FirstUnitAsync(Silverleaf);
        var other = await FirstUnitAsync(Harbour);
        using var key = KeyClient(App, (await CreateKeyAsync(App, "admin", [ApiPermissions.ReadTransactions], estates: [mine.Estate])).Key);

        var own = await GetJsonAsync(key, $"/api/v1/ledger/verify?estateId={mine.Estate}");
        Assert.True(own.GetProperty("valid").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/v1/ledger/verify?estateId={other.Estate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/v1/ledger/verify?walletId={other.Wallet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/v1/ledger/verify?estateId={mine.Estate}&walletId={other.Wallet}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await key.GetAsync("/api/v1/ledger/verify")).StatusCode); // "everything" is more than the key may see
    }

    [Fact]
    public async Task AnAdminKeyNarrowedToOneEstate_GetsThatEstatesStatementsAndWallets_NotAnothers()
    {
        var mine = await FirstUnitAsync(Silverleaf);
        var other = await FirstUnitAsync(Harbour);
        using var key = KeyClient(App, (await CreateKeyAsync(App, "admin", [ApiPermissions.ReadTransactions], estates: [mine.Estate])).Key);

        var statement = await key.GetAsync(Statement(mine.Unit));
        Assert.Equal(HttpStatusCode.OK, statement.StatusCode);
        Assert.Equal("application/pdf", statement.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync(Statement(other.Unit))).StatusCode);

        var csv = await key.GetAsync($"/api/v1/wallet/history.csv?unitId={mine.Unit}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("Posted (UTC),", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/v1/wallet/history.csv?unitId={other.Unit}")).StatusCode);
    }

    [Fact]
    public async Task AnAgentsKey_StaysInTheAgentsEstates_AndNeedsReadTransactions()
    {
        var mine = await FirstUnitAsync(Silverleaf);
        var other = await FirstUnitAsync(Harbour);
        using var agent = KeyClient(App, (await CreateKeyAsync(App, "agent", [ApiPermissions.ReadTransactions], estates: [mine.Estate])).Key);
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/v1/wallet/history.csv?unitId={mine.Unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/api/v1/wallet/history.csv?unitId={other.Unit}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync(Statement(other.Unit))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/ledger/verify?estateId={mine.Estate}")).StatusCode); // admins only

        using var noPermission = KeyClient(App, (await CreateKeyAsync(App, "admin", [ApiPermissions.ReadUnits], estates: [mine.Estate])).Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await noPermission.GetAsync($"/api/v1/ledger/verify?estateId={mine.Estate}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await noPermission.GetAsync(Statement(mine.Unit))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await noPermission.GetAsync($"/api/v1/wallet/history.csv?unitId={mine.Unit}")).StatusCode);
    }

    [Fact]
    public async Task ForgedEstateNarrowing_IsNotAcceptedFromTheRequest()
    {
        // The narrowing comes from the key's stored estates, never from anything the caller sends.
        var mine = await FirstUnitAsync(Silverleaf);
        var other = await FirstUnitAsync(Harbour);
        using var key = KeyClient(App, (await CreateKeyAsync(App, "admin", [ApiPermissions.ReadTransactions], estates: [mine.Estate])).Key);
        key.DefaultRequestHeaders.Add("X-Api-Estate", other.Estate.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.NotFound, (await key.GetAsync($"/api/v1/ledger/verify?estateId={other.Estate}&quantify:api-estate={other.Estate}")).StatusCode);
    }

    [Fact]
    public void NarrowingAnAdminScope_LeavesOnlyTheNamedEstates()
    {
        var admin = new UserScope("u", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>(),
            new HashSet<int> { 10, 20 }, new Dictionary<int, int> { [10] = 1, [20] = 2 });
        var narrowed = admin.NarrowedTo(new HashSet<int> { 1 });
        Assert.False(narrowed.IsAdmin);
        Assert.Equal((true, false), (narrowed.Manages(1), narrowed.Manages(2)));
        Assert.Equal((true, false), (narrowed.CanSeeUnit(10, 1), narrowed.CanSeeUnit(20, 2)));
        Assert.Equal([10], narrowed.OwnerUnits);
        Assert.Equal([1], narrowed.EstateLimit!);
    }
}
