using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Browser;

/// <summary>The real app on a loopback port with the demo estate, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private readonly SemaphoreSlim readingsGate = new(1, 1);
    private bool readingsFed;

    public TestApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public static string Screenshots => Repo.PathOf("artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        App = await TestApp.StartAsync(demo: true, kestrel: true);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync(playwright);
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>Debian's Chromium, headless, with nothing that phones home.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    private const float SignInTimeoutMs = 90_000;

    public Task<IPage> SignInAsync(string login, ViewportSize? viewport = null) => SignInAsync(Browser, App.BaseUrl!, login, viewport);

    public static async Task<IPage> SignInAsync(IBrowser browser, string baseUrl, string login, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", PortalClient.Email(login));
        await page.FillAsync("#password", PortalClient.Password);
        await page.ClickAsync("#sign-in");
        // Signing in hashes the password and starts a circuit: on a loaded machine that has taken longer than Playwright's 30 s default.
        await page.WaitForURLAsync(url => !url.EndsWith("/login", StringComparison.Ordinal), new() { Timeout = SignInTimeoutMs });
        if (page.Url.Contains(Quantify.Web.Identity.TwoFactorRules.LoginPath, StringComparison.Ordinal))
        {
            // The demo's admin, agent and utility logins sign in with two factors (docs/accounts.md).
            await page.FillAsync("#code", Quantify.Web.Identity.DemoAuthenticator.CodeNow(TimeProvider.System));
            await page.ClickAsync("#verify");
        }
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal), new() { Timeout = SignInTimeoutMs });
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>A browser with no session at all (a lobby screen).</summary>
    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>Blazor Server prerenders; clicks only work once the circuit is connected.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.WaitForSelectorAsync("body[data-interactive=true]");

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });

    /// <summary>The id, payment reference and current tenant's name of a demo unit (to prove they never show where they must not).</summary>
    public async Task<DemoUnit> UnitAsync(string paymentReference)
    {
        var factory = App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.PaymentReference == paymentReference);
        var tenant = await db.Tenancies.AsNoTracking().Where(t => t.UnitId == unit.Id && t.EndDate == null && t.Role == Quantify.Domain.People.TenancyRole.Tenant)
            .Select(t => t.Person.FirstName + " " + t.Person.LastName).FirstOrDefaultAsync();
        return new DemoUnit(unit.Id, unit.EstateId, unit.UnitNumber, paymentReference, tenant ?? throw new InvalidOperationException($"{paymentReference} has no tenant."));
    }

    /// <summary>
    /// Silverleaf's bulk electricity meter and two unit meters report twice (through the real reading pipeline, as a
    /// gateway batch would): 40 kWh at the bulk meter against 10 + 20 kWh at the units, so 10 kWh (25 %) is common
    /// property and losses. Once per fixture.
    /// </summary>
    public async Task FeedSilverleafBulkReadingsAsync()
    {
        await readingsGate.WaitAsync();
        try
        {
            if (readingsFed) return;
            var pipeline = App.Services.GetRequiredService<ReadingPipeline>();
            var now = DateTimeOffset.UtcNow;
            // Each meter starts from its highest register so far (the demo may have read it already): a register below
            // that is held as a dip, never billed; 90 minutes apart keeps 20 kWh under the 30 kWh/h plausibility ceiling.
            var from = await HighestRegistersAsync("SLF-E-A103", "SLF-E-A105", "SLF-BULK-E");
            await pipeline.ProcessAsync([Batch(now.AddMinutes(-110), ("SLF-E-A103", from[0]), ("SLF-E-A105", from[1]), ("SLF-BULK-E", from[2]))], default);
            await pipeline.ProcessAsync([Batch(now.AddMinutes(-20), ("SLF-E-A103", from[0] + 10m), ("SLF-E-A105", from[1] + 20m), ("SLF-BULK-E", from[2] + 40m))], default);
            readingsFed = true;
        }
        finally
        {
            readingsGate.Release();
        }
    }

    private async Task<decimal[]> HighestRegistersAsync(params string[] serials)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var highest = new decimal[serials.Length];
        for (var i = 0; i < serials.Length; i++)
        {
            var serial = serials[i];
            var meterId = await db.Meters.Where(m => m.SerialNumber == serial).Select(m => m.Id).SingleAsync();
            highest[i] = await db.MeterReadings.Where(r => r.MeterId == meterId).Select(r => (decimal?)r.Register).MaxAsync() ?? 0m;
        }
        return highest;
    }

    private static IncomingMessage Batch(DateTimeOffset at, params (string Serial, decimal Register)[] rows) => new(MessageSource.Http, "quantify/gateways/test/readings",
        System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new
        {
            readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) }),
        })),
        DateTimeOffset.UtcNow);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        readingsGate.Dispose();
    }
}

public sealed record DemoUnit(int Id, int EstateId, string UnitNumber, string PaymentReference, string TenantName);

[CollectionDefinition("browser")]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>;
