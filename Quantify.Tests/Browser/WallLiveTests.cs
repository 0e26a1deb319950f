using Microsoft.Playwright;

namespace Quantify.Tests.Browser;

/// <summary>
/// The estate wall display in a real browser: it moves by itself when a reading reaches the broker, and a lobby screen's
/// read-only link works without signing in, only for its own estate, and stops working once revoked.
/// </summary>
[Collection("live")]
public sealed class WallLiveTests(LiveFixture fixture)
{
    private const string Silverleaf = "Silverleaf Estate";

    [Fact]
    public async Task AReadingPublishedToTheBroker_AppearsOnTheWallsTickerAndTodaysFigure_WithoutAReload()
    {
        var estate = await fixture.EstateIdAsync(Silverleaf);
        var eui = await fixture.EuiAsync("SLF-E-A102");
        var now = DateTimeOffset.UtcNow;
        await fixture.PublishAsync(eui, 3000m, now.AddMinutes(-3), "wall-baseline");

        var page = await fixture.SignInAsync("admin");
        await page.GotoAsync($"/wall/{estate}");
        await BrowserFixture.WaitForCircuitAsync(page);
        Assert.Equal(Silverleaf, await page.InnerTextAsync("[data-testid=wall-estate]"));
        var today = page.Locator("[data-testid=wall-today-Electricity]");
        var before = await today.InnerTextAsync();
        await page.EvaluateAsync("() => window.__noReload = true");

        await fixture.PublishAsync(eui, 3002.5m, now.AddMinutes(-1), "wall-reading"); // 2.5 kWh, today (SAST)
        await page.WaitForFunctionAsync("before => document.querySelector('[data-testid=wall-today-Electricity]').innerText !== before", before,
            new PageWaitForFunctionOptions { Timeout = 10_000 });

        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The wall reloaded.");
        var tick = page.Locator("[data-testid=wall-ticker] tr", new() { HasText = "Unit A102" }).First;
        Assert.Contains("+2,5", await tick.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "wall-live");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ALobbyLink_OpensTheWallWithoutSigningIn_OnlyForItsEstate_AndIsRefusedOnceRevoked()
    {
        var estate = await fixture.EstateIdAsync(Silverleaf);
        var other = await fixture.EstateIdAsync("Harbour View Residences");
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/admin/wall");
        await BrowserFixture.WaitForCircuitAsync(admin);
        var row = admin.Locator("[data-testid=wall-links] tr", new() { HasText = Silverleaf });
        await row.GetByRole(AriaRole.Button, new() { Name = "Show link" }).ClickAsync();
        var link = new Uri(await admin.InnerTextAsync($"[data-testid=wall-link-{estate}]"));
        Assert.Equal($"/wall/{estate}", link.AbsolutePath);

        var lobby = await fixture.AnonymousPageAsync();
        await lobby.GotoAsync(link.PathAndQuery);
        await lobby.WaitForSelectorAsync("[data-testid=wall-estate]");
        Assert.Equal(Silverleaf, await lobby.InnerTextAsync("[data-testid=wall-estate]"));
        Assert.DoesNotContain("/login", lobby.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(lobby, "wall-lobby-link");

        // The same key on another estate's wall is refused and shows nothing of that estate.
        await lobby.GotoAsync($"/wall/{other}{link.Query}");
        await lobby.WaitForSelectorAsync("[data-testid=wall-denied]");
        Assert.DoesNotContain("Harbour View", await lobby.InnerTextAsync("body"), StringComparison.Ordinal);

        // Revoked from the admin page: the lobby's link stops working.
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke links" }).ClickAsync();
        // Revoking is destructive, so the page asks first.
        await admin.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke links" }).ClickAsync();
        await admin.WaitForSelectorAsync("text=is now invalid");
        await lobby.GotoAsync(link.PathAndQuery);
        await lobby.WaitForSelectorAsync("[data-testid=wall-denied]");
        Assert.Equal(0, await lobby.Locator("[data-testid=wall-estate]").CountAsync());
        Assert.DoesNotContain("wall-ticker", await lobby.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(lobby, "wall-lobby-link-revoked");
        await lobby.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }
}
