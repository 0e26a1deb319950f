using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Security;

/// <summary>The family layer's pages and endpoints against each role: the parent's group, shared wallets, spending, personal data.</summary>
public class FamilyRoleMatrixTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<QuantifyDbContext> DbAsync() =>
        await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();

    private async Task<int> GroupIdAsync()
    {
        await using var db = await DbAsync();
        return await db.WalletGroups.Where(g => g.Name == "Student flats").Select(g => g.Id).SingleAsync();
    }

    private async Task<int> WalletOfAsync(string unitNumber)
    {
        await using var db = await DbAsync();
        return await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where u.UnitNumber == unitNumber && u.Estate.Name == "Silverleaf Estate" select w.Id).FirstAsync();
    }

    private static bool Denied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/access-denied", StringComparison.Ordinal);

    [Fact]
    public async Task Parent_LandsInTheFamilyArea_SeesTheGroupOfTwoUnits_AndIsRefusedOtherAreas()
    {
        using var client = fixture.App.CreateClient();
        var login = await PortalClient.LoginAsync(client, PortalClient.Email("parent"));
        Assert.Equal("/family", login.Headers.Location!.OriginalString);
        var html = PortalClient.Decode(await client.GetStringAsync("/family"));
        Assert.Contains("Student flats", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("data-testid=\"member-A1", StringSplitOptions.None).Length - 1); // A102 and A103
        foreach (var other in new[] { "/admin", "/tenant", "/owner", "/agent", "/body-corporate", "/utility" })
            Assert.True(Denied(await client.GetAsync(other)), other);
        var group = PortalClient.Decode(await client.GetStringAsync($"/family/groups/{await GroupIdAsync()}"));
        Assert.Contains("One top-up for every unit", group, StringComparison.Ordinal);
        var wallet = PortalClient.Decode(await client.GetStringAsync("/tenant/wallet"));
        Assert.Contains("data-testid=\"unit-picker\"", wallet, StringComparison.Ordinal);
        // The estate's split for money paid without one (a group top-up's share) is said on the page, with its figure.
        await using (var db = await DbAsync())
        {
            var share = await (from s in db.EstateSettings join e in db.Estates on s.EstateId equals e.Id where e.Name == "Silverleaf Estate" select s.DefaultElectricitySharePercent).SingleAsync();
            Assert.Contains($"goes {Quantify.Web.Components.Shared.Format.Percent(share, 0)} to electricity and the rest to water: this estate's rule", wallet, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task GroupPage_OfAnotherPayer_ShowsNothing_AndTenantsCannotOpenIt()
    {
        var id = await GroupIdAsync();
        using var family = await PortalClient.SignedInAsync(fixture.App, "family");
        var html = PortalClient.Decode(await family.GetStringAsync($"/family/groups/{id}"));
        Assert.Contains("does not exist or is not yours", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"group-members\"", html, StringComparison.Ordinal);
        using var tenant = await PortalClient.SignedInAsync(fixture.App, "tenant");
        Assert.True(Denied(await tenant.GetAsync($"/family/groups/{id}")));
    }

    [Fact]
    public async Task WalletGroupsApi_ListsOnlyTheCallersGroups_AndTopUpSplitsForThePayerOnly()
    {
        var id = await GroupIdAsync();
        using var parent = await PortalClient.SignedInAsync(fixture.App, "parent");
        using var groups = JsonDocument.Parse(await parent.GetStringAsync("/api/v1/wallet-groups"));
        Assert.Equal("Student flats", Assert.Single(groups.RootElement.EnumerateArray()).GetProperty("name").GetString());
        var topup = await parent.PostAsJsonAsync($"/api/v1/wallet-groups/{id}/topup", new { amount = 100.01m });
        Assert.Equal(HttpStatusCode.OK, topup.StatusCode);
        using var body = JsonDocument.Parse(await topup.Content.ReadAsStringAsync());
        Assert.Equal([50.01m, 50.00m], body.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("amount").GetDecimal()));

        using var tenant = await PortalClient.SignedInAsync(fixture.App, "tenant");
        Assert.Empty(JsonDocument.Parse(await tenant.GetStringAsync("/api/v1/wallet-groups")).RootElement.EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await tenant.PostAsJsonAsync($"/api/v1/wallet-groups/{id}/topup", new { amount = 100m })).StatusCode);
        using var anonymous = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/wallet-groups/{id}/topup", new { amount = 100m })).StatusCode);
    }

    [Fact]
    public async Task SpendingApi_IsOpenToThoseWhoSeeTheWallet_404ForOthers()
    {
        var shared = await WalletOfAsync("A101");
        var other = await WalletOfAsync("A105");
        using var family = await PortalClient.SignedInAsync(fixture.App, "family");
        Assert.Equal(HttpStatusCode.OK, (await family.GetAsync($"/api/v1/wallets/{shared}/spending")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await family.GetAsync($"/api/v1/wallets/{other}/spending")).StatusCode);
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        Assert.Equal(HttpStatusCode.OK, (await agent.GetAsync($"/api/v1/wallets/{other}/spending")).StatusCode);
        using var trustee = await PortalClient.SignedInAsync(fixture.App, "trustee");
        Assert.Equal(HttpStatusCode.Forbidden, (await trustee.GetAsync($"/api/v1/wallets/{shared}/spending")).StatusCode);
    }

    [Fact]
    public async Task PersonalData_IsOnesOwn_OrAnAdminsOnRequest()
    {
        using var tenant = await PortalClient.SignedInAsync(fixture.App, "tenant");
        using var mine = JsonDocument.Parse(await tenant.GetStringAsync("/account/my-data.json"));
        Assert.Equal(PortalClient.Email("tenant"), mine.RootElement.GetProperty("profile").GetProperty("email").GetString());
        int familyPerson;
        await using (var db = await DbAsync())
            familyPerson = await db.Persons.Where(p => p.Email == PortalClient.Email("family")).Select(p => p.Id).SingleAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await tenant.GetAsync($"/api/admin/persons/{familyPerson}/personal-data.json")).StatusCode);
        using var admin = await PortalClient.SignedInAsync(fixture.App, "admin");
        var pdf = await admin.GetAsync($"/api/admin/persons/{familyPerson}/personal-data.pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }
}
