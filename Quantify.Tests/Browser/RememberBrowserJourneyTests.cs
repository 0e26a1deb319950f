using Microsoft.Playwright;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Identity;

namespace Quantify.Tests.Browser;

/// <summary>"Remember this browser" on the two-factor step, in real Chromium: the next sign-in there needs the password only.</summary>
[Collection("browser")]
public class RememberBrowserJourneyTests(BrowserFixture fixture)
{
    private static async Task SubmitPasswordAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("#email", PortalClient.Email("utility"));
        await page.FillAsync("#password", PortalClient.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.EndsWith("/login", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UtilityTicksRememberThisBrowser_SignsOut_AndSignsInAgainWithoutACode_WhileANewBrowserIsAskedForOne()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl });
        var page = await context.NewPageAsync();
        await SubmitPasswordAsync(page);
        Assert.Contains(TwoFactorRules.LoginPath, page.Url, StringComparison.Ordinal);
        await page.FillAsync("#code", DemoAuthenticator.CodeNow(TimeProvider.System));
        await page.CheckAsync("#remember-browser");
        await page.ClickAsync("#verify");
        await page.WaitForURLAsync(url => url.Contains("/utility", StringComparison.Ordinal));
        await BrowserFixture.WaitForCircuitAsync(page);
        Assert.Contains(await context.CookiesAsync(), c => c.Name == "Quantify.TwoFactorRemember" && c.Expires > DateTimeOffset.UtcNow.AddDays(29).ToUnixTimeSeconds());

        await page.ClickAsync("[data-testid=logout]");
        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal));
        await SubmitPasswordAsync(page);
        await page.WaitForURLAsync(url => url.Contains("/utility", StringComparison.Ordinal)); // no code step in this browser
        Assert.DoesNotContain(TwoFactorRules.LoginPath, page.Url, StringComparison.Ordinal);

        var other = await (await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.App.BaseUrl })).NewPageAsync();
        await SubmitPasswordAsync(other);
        Assert.Contains(TwoFactorRules.LoginPath, other.Url, StringComparison.Ordinal);
        await other.Context.CloseAsync();
        await context.CloseAsync();
    }
}
