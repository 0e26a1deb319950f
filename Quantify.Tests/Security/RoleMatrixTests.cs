using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;

namespace Quantify.Tests.Security;

/// <summary>One demo app for the whole class: each role signs in through the real form and tries every area.</summary>
public sealed class DemoAppFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class RoleMatrixTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    public static readonly TheoryData<string, string> Roles = new()
    {
        { "admin", "/admin" },
        { "tenant", "/tenant" },
        { "owner", "/owner" },
        { "family", "/family" },
        { "trustee", "/body-corporate" },
        { "agent", "/agent" },
        { "utility", "/utility" },
    };

    private static readonly string[] Areas = ["/admin", "/tenant", "/owner", "/family", "/body-corporate", "/agent", "/utility"];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRole_SignsIn_AndLandsInItsOwnArea(string login, string area)
    {
        using var client = fixture.App.CreateClient();
        var response = await PortalClient.LoginAsync(client, PortalClient.Email(login));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(area, response.Headers.Location!.OriginalString);
        var page = await client.GetAsync(area);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRole_IsRefusedEveryOtherArea(string login, string ownArea)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        foreach (var other in Areas.Where(a => a != ownArea))
        {
            var response = await client.GetAsync(other);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/access-denied", StringComparison.Ordinal),
                $"{login} reached {other}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    /// <summary>Every routable page in the portal, found by reflection, so a new page cannot slip in without a policy.</summary>
    public static TheoryData<string> AdminPages() => new(typeof(Quantify.Web.QuantifyApp).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>())
        .Select(r => r.Template).Where(t => t.StartsWith("/admin/", StringComparison.Ordinal) && !t.Contains('{', StringComparison.Ordinal)).Distinct().Order());

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task EveryAdminPage_IsRefusedToResidentsAndAgents_AndOpenToAdmins(string page)
    {
        foreach (var login in new[] { "tenant", "agent", "trustee" })
        {
            using var client = await PortalClient.SignedInAsync(fixture.App, login);
            var response = await client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/access-denied", StringComparison.Ordinal),
                $"{login} reached {page}: {(int)response.StatusCode}");
        }
        using var admin = await PortalClient.SignedInAsync(fixture.App, "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(page)).StatusCode);
    }

    [Fact]
    public async Task Tenant_SeesTheirNotificationsAndSupplyPanel_OnTheirPage()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var html = PortalClient.Decode(await client.GetStringAsync("/tenant"));
        Assert.Contains("data-testid=\"notices\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_IsSentToLogin_WithTheReturnUrl()
    {
        using var client = fixture.App.CreateClient();
        var response = await client.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?ReturnUrl=%2Fadmin", response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Tenant_SeesOnlyTheirOwnUnit()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var html = PortalClient.Decode(await client.GetStringAsync("/tenant"));
        Assert.Contains("Silverleaf Estate · Unit A101", html, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(html, "data-testid=\"unit-card\""));
        Assert.DoesNotContain("Harbour View", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_SeesTheirUnitsInBothEstates_AndNoOthers()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "owner");
        var html = PortalClient.Decode(await client.GetStringAsync("/owner"));
        Assert.Equal(4, CountOf(html, "data-testid=\"unit-card\""));
        Assert.Contains("Silverleaf Estate", html, StringComparison.Ordinal);
        Assert.Contains("Harbour View Residences", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FamilyMember_SeesTheSharedUnitAndTheirSpendLimit()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "family");
        var html = PortalClient.Decode(await client.GetStringAsync("/family"));
        Assert.Contains("Unit A101", html, StringComparison.Ordinal);
        Assert.Contains("R 500,00", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trustee_SeesOnlyTheirEstate()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "trustee");
        var html = PortalClient.Decode(await client.GetStringAsync("/body-corporate"));
        Assert.Contains("Silverleaf Estate", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour View", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utility_SeesBulkMetersOfBothEstates()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "utility");
        var html = PortalClient.Decode(await client.GetStringAsync("/utility"));
        Assert.Contains("SLF-BULK-E", html, StringComparison.Ordinal);
        Assert.Contains("HVR-BULK-W", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agent_OfSilverleaf_CannotOpenAHarbourViewUnitByUrl()
    {
        int harbourUnit, silverleafUnit;
        await using (var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync())
        {
            harbourUnit = await db.Units.Where(u => u.PaymentReference == "HVR-101").Select(u => u.Id).SingleAsync();
            silverleafUnit = await db.Units.Where(u => u.PaymentReference == "SLF-A102").Select(u => u.Id).SingleAsync();
        }
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var own = PortalClient.Decode(await client.GetStringAsync($"/agent/units/{silverleafUnit}"));
        Assert.Contains("Unit A102", own, StringComparison.Ordinal);
        var other = PortalClient.Decode(await client.GetStringAsync($"/agent/units/{harbourUnit}"));
        Assert.Contains("data-testid=\"access-denied\"", other, StringComparison.Ordinal);
        Assert.DoesNotContain("HVR-101", other, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour View", other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var page = await client.GetStringAsync("/tenant");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        var after = await client.GetAsync("/tenant");
        Assert.Contains("/login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static int CountOf(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
