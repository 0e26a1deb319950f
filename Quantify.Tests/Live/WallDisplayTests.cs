using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;
using Quantify.Web.Features.Wall;

namespace Quantify.Tests.Live;

/// <summary>The wall display is shown to admins, to users of the estate, and to a lobby screen holding a valid link; nobody else.</summary>
public class WallDisplayTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<int> EstateIdAsync(string name)
    {
        var factory = fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.Estates.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    [Fact]
    public async Task ALobbyLink_ShowsTheEstate_UntilRevoked()
    {
        var estate = await EstateIdAsync("Harbour View Residences");
        var links = fixture.App.Services.GetRequiredService<WallLinks>();
        using var lobby = fixture.App.CreateClient();

        var withKey = PortalClient.Decode(await lobby.GetStringAsync($"/wall/{estate}?key={await links.TokenAsync(estate)}"));
        Assert.Contains("data-testid=\"wall-estate\"", withKey, StringComparison.Ordinal);
        Assert.Contains("Harbour View Residences", withKey, StringComparison.Ordinal);

        var oldToken = await links.TokenAsync(estate);
        await links.RevokeAsync(estate);
        var revoked = PortalClient.Decode(await lobby.GetStringAsync($"/wall/{estate}?key={oldToken}"));
        Assert.Contains("data-testid=\"wall-denied\"", revoked, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour View Residences", revoked, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKey_OrAnotherEstatesKey_OrAnotherEstatesTrustee_IsDenied()
    {
        var harbour = await EstateIdAsync("Harbour View Residences");
        var silverleaf = await EstateIdAsync("Silverleaf Estate");
        var links = fixture.App.Services.GetRequiredService<WallLinks>();
        using var anonymous = fixture.App.CreateClient();
        Assert.Contains("wall-denied", await anonymous.GetStringAsync($"/wall/{harbour}"), StringComparison.Ordinal);
        Assert.Contains("wall-denied", await anonymous.GetStringAsync($"/wall/{harbour}?key={await links.TokenAsync(silverleaf)}"), StringComparison.Ordinal);

        using var trustee = await PortalClient.SignedInAsync(fixture.App, "trustee"); // Silverleaf's trustee
        Assert.Contains("wall-denied", await trustee.GetStringAsync($"/wall/{harbour}"), StringComparison.Ordinal);
        Assert.Contains("wall-estate", await trustee.GetStringAsync($"/wall/{silverleaf}"), StringComparison.Ordinal);
    }
}
