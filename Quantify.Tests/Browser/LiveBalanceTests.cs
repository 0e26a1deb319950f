using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Ingestion.ChirpStack;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Protocols;

namespace Quantify.Tests.Browser;

/// <summary>
/// The live promise in a real browser: a reading published to the broker moves the tenant's on-screen electricity
/// balance without a reload (demo meter of unit A101, Silverleaf inclining-block tariff).
/// </summary>
public sealed class LiveBalanceTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed0010000";
    private TestApp app = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;
    private int mqttPort;

    public async Task InitializeAsync()
    {
        mqttPort = TestApp.FreePort();
        app = await TestApp.StartAsync(demo: true, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = "live-secret",
        });
        var subscriber = app.Services.GetRequiredService<Quantify.Ingestion.Mqtt.MqttIngestionService>();
        for (var i = 0; i < 100 && !subscriber.IsReady; i++) await Task.Delay(100);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
        await app.DisposeAsync();
    }

    private async Task PublishAsync(IMqttClient client, decimal register, DateTimeOffset at, string dedup) =>
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"application/quantify/device/{Eui}/event/up")
            .WithPayload(ChirpStackDecoderTests.Uplink(Eui, 10, MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, register, RelayClosed: true)), dedup: dedup,
                time: at.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    [Fact]
    public async Task AReadingPublishedToTheBroker_MovesTheTenantsBalanceOnScreen_WithoutAReload()
    {
        using var mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId("live-test").WithCredentials("quantify", "live-secret").Build());
        var now = DateTimeOffset.UtcNow;
        await PublishAsync(mqtt, 8000m, now.AddMinutes(-30), "live-baseline");

        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("#email", PortalClient.Email("tenant"));
        await page.FillAsync("#password", PortalClient.Password);
        await page.ClickAsync("#sign-in");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await page.GotoAsync("/tenant/wallet");
        await page.WaitForSelectorAsync("body[data-interactive=true]");
        var balance = page.Locator("[data-testid=balance-Electricity] .q-money");
        await balance.WaitForAsync();
        var before = await balance.InnerTextAsync();
        await page.EvaluateAsync("() => window.__noReload = true");

        var clock = Stopwatch.StartNew();
        await PublishAsync(mqtt, 8002m, now.AddMinutes(-15), "live-reading"); // 2 kWh
        await page.WaitForFunctionAsync("before => document.querySelector('[data-testid=balance-Electricity] .q-money').innerText !== before", before,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        clock.Stop();

        Assert.True(await page.EvaluateAsync<bool>("() => window.__noReload === true"), "The page reloaded.");
        Assert.NotEqual(before, await balance.InnerTextAsync());
        // The bar is two seconds on a quiet machine; on a loaded 2-core CI box allow headroom but report it.
        Console.WriteLine($"Balance moved {clock.ElapsedMilliseconds} ms after publish.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.Screenshots, "tenant-live-balance.png"), FullPage = true });
        await context.CloseAsync();
    }
}
