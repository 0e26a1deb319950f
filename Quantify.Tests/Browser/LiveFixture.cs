using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Ingestion.ChirpStack;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Protocols;
using Quantify.Web.Data;

namespace Quantify.Tests.Browser;

/// <summary>
/// The demo app with ingestion on (embedded broker on a free port), a ChirpStack-like MQTT publisher and Chromium:
/// shared by the browser tests of the live promise, one app for all of them. Each test uses its own meter so their
/// registers never interleave.
/// </summary>
public sealed class LiveFixture : IAsyncLifetime
{
    private const string Password = "live-secret";
    private IPlaywright playwright = null!;
    private IMqttClient mqtt = null!;
    private readonly SemaphoreSlim publishGate = new(1, 1);

    public TestApp App { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var mqttPort = TestApp.FreePort();
        App = await TestApp.StartAsync(demo: true, kestrel: true, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = Password,
        });
        var subscriber = App.Services.GetRequiredService<Quantify.Ingestion.Mqtt.MqttIngestionService>();
        for (var i = 0; i < 100 && !subscriber.IsReady; i++) await Task.Delay(100);
        mqtt = new MqttClientFactory().CreateMqttClient();
        await mqtt.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId("live-test").WithCredentials("quantify", Password).Build());
        playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchAsync(playwright);
        Directory.CreateDirectory(BrowserFixture.Screenshots);
    }

    public Task<IPage> SignInAsync(string login) => BrowserFixture.SignInAsync(Browser, App.BaseUrl!, login);

    /// <summary>A browser with no session at all (a lobby screen).</summary>
    public async Task<IPage> AnonymousPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseUrl, ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        return await context.NewPageAsync();
    }

    /// <summary>The LoRaWAN EUI of a demo meter, by serial (e.g. SLF-E-A101).</summary>
    public async Task<string> EuiAsync(string serial)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Meters.AsNoTracking().Where(m => m.SerialNumber == serial).Select(m => m.DeviceEui).SingleAsync()
            ?? throw new InvalidOperationException($"{serial} has no EUI.");
    }

    public async Task<int> EstateIdAsync(string name)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Estates.AsNoTracking().Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    /// <summary>An electricity uplink as ChirpStack publishes it (QoS 1).</summary>
    public async Task PublishAsync(string eui, decimal register, DateTimeOffset at, string dedup)
    {
        await publishGate.WaitAsync();
        try
        {
            await mqtt.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"application/quantify/device/{eui}/event/up")
                .WithPayload(ChirpStackDecoderTests.Uplink(eui, 10, MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, register, RelayClosed: true)), dedup: dedup,
                    time: at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        }
        finally
        {
            publishGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (mqtt is not null)
        {
            await mqtt.DisconnectAsync();
            mqtt.Dispose();
        }
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
        publishGate.Dispose();
    }
}

[CollectionDefinition("live")]
public sealed class LiveCollection : ICollectionFixture<LiveFixture>;
