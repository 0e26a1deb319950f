using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;
using Quantify.Web.Features.Reports;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Reports;

/// <summary>
/// A trustee reads the reports of the estate they are a trustee of, and of no other (issue 11 item 8, mutant a:
/// "a trustee's report access no longer checking the estate" survived every report test, which only tried agents).
/// </summary>
public class TrusteeReportScopeTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static UserScope Scope(params (string Role, int[] Estates)[] grants) => new(
        "u-1",
        grants.Select(g => g.Role).ToHashSet(),
        grants.ToDictionary(g => g.Role, g => (IReadOnlySet<int>)g.Estates.ToHashSet()),
        new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    [Fact]
    public void ATrusteeOfOneEstate_ReadsThatEstatesReports_AndNoOtherEstates()
    {
        var trustee = Scope((Roles.Trustee, [7]));

        Assert.True(ReportAccess.CanRead(trustee, 7));
        Assert.False(ReportAccess.CanRead(trustee, 8));
    }

    [Fact]
    public void AnAgentOfOneEstate_AndATrusteeOfAnother_ReadBoth_ButNotAThird()
    {
        var both = Scope((Roles.ManagingAgent, [1]), (Roles.Trustee, [2]));

        Assert.True(ReportAccess.CanRead(both, 1));
        Assert.True(ReportAccess.CanRead(both, 2));
        Assert.False(ReportAccess.CanRead(both, 3));
    }

    [Fact]
    public void AnEstateAssignmentWithoutTheRole_GrantsNoReports()
    {
        // An assignment left behind after the role was taken away must not keep the reports open.
        var formerTrustee = new UserScope("u-2", new HashSet<string> { Roles.Tenant },
            new Dictionary<string, IReadOnlySet<int>> { [Roles.Trustee] = new HashSet<int> { 7 } },
            new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

        Assert.False(ReportAccess.CanRead(formerTrustee, 7));
    }

    [Fact]
    public void TrusteesReadButDoNotManage_AdminsDoBoth()
    {
        var trustee = Scope((Roles.Trustee, [7]));
        var admin = Scope((Roles.Admin, []));

        Assert.False(ReportAccess.CanManage(trustee, 7));
        Assert.True(ReportAccess.CanRead(admin, 12345));
        Assert.True(ReportAccess.CanManage(admin, 12345));
    }

    [Theory]
    [InlineData("arrears", "")]
    [InlineData("consumption", "&month=2026-11")]
    [InlineData("financial", "&from=2026-11-01&to=2026-11-30")]
    public async Task TheDemoTrusteeOfSilverleaf_IsRefusedHarbourViewsReports_InEveryFormat(string report, string period)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var harbour = await db.Estates.Where(e => e.Name == "Harbour View Residences").Select(e => e.Id).SingleAsync();
        var silverleaf = await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
        using var client = await PortalClient.SignedInAsync(fixture.App, "trustee");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/reports/{report}?estateId={silverleaf}{period}")).StatusCode);
        foreach (var format in new[] { "json", "csv", "xlsx", "pdf" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/{report}?estateId={harbour}{period}&format={format}")).StatusCode);
    }
}
