using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Mqtt;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// A 4G gateway reports only the meters attached to it (or, when an admin allows it, any meter of its estate): a batch
/// naming another gateway's meter is refused and dead-lettered with the reason, over HTTP and over MQTT, and never billed.
/// Demo estate: Harbour View's 4G concentrator hvr-4g-1 has the bulk water meter HVR-BULK-W attached.
/// </summary>
public class GatewayScopeTests : IAsyncLifetime
{
    private const string GatewayA = "hvr-4g-1";
    private const string Password = "scope-test-secret";
    private TestApp app = null!;
    private HttpClient http = null!;
    private int mqttPort;

    public async Task InitializeAsync()
    {
        mqttPort = TestApp.FreePort();
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = Password,
        });
        http = app.CreateClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private GatewayService Gateways => app.Services.GetRequiredService<GatewayService>();

    private async Task<QuantifyDbContext> DbAsync() => await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();

    private static byte[] Batch(string gateway, params (string Serial, decimal Register)[] rows) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            gatewayId = gateway,
            readings = rows.Select(r => new { serial = r.Serial, register = r.Register, timestamp = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("o") }),
        }));

    private Task<HttpResponseMessage> PostAsync(string code, byte[] body)
    {
        var key = app.Services.GetRequiredService<GatewayKeys>().KeyFor(code, 1);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/gateways/{code}/readings") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Quantify-Timestamp", timestamp);
        request.Headers.Add("X-Quantify-Signature", "sha256=" + GatewayKeys.Sign(key, timestamp, body));
        return http.SendAsync(request);
    }

    private async Task<int> ReadingsOfAsync(string serial)
    {
        await using var db = await DbAsync();
        return await db.MeterReadings.CountAsync(r => db.Meters.Any(m => m.Id == r.MeterId && m.SerialNumber == serial));
    }

    private async Task<int> GatewayIdAsync(string code)
    {
        await using var db = await DbAsync();
        return await db.Gateways.Where(g => g.Code == code).Select(g => g.Id).SingleAsync();
    }

    private async Task<int> MeterIdAsync(string serial)
    {
        await using var db = await DbAsync();
        return await db.Meters.Where(m => m.SerialNumber == serial).Select(m => m.Id).SingleAsync();
    }

    /// <summary>Gateway B on the same estate as A, with a unit's electricity meter attached to it.</summary>
    private async Task<string> MeterBehindGatewayBAsync()
    {
        await using (var db = await DbAsync())
        {
            var estateId = await db.Gateways.Where(g => g.Code == GatewayA).Select(g => g.EstateId).SingleAsync();
            Assert.True((await Gateways.CreateAsync(estateId, "hvr-4g-2", "Second 4G concentrator", GatewayKind.Cellular, null, 60)).IsSuccess);
        }
        Assert.True((await Gateways.AttachMeterAsync(await MeterIdAsync("HVR-E-101"), await GatewayIdAsync("hvr-4g-2"))).IsSuccess);
        return "HVR-E-101";
    }

    [Fact]
    public async Task ASignedBatchFromGatewayA_NamingAMeterBehindGatewayB_IsRefused_DeadLettered_AndNotBilled()
    {
        var victim = await MeterBehindGatewayBAsync();
        int ledgerLines;
        await using (var db = await DbAsync())
            ledgerLines = await db.LedgerLines.CountAsync();

        // Properly signed with A's key, naming A's own meter and B's meter: the whole batch is refused.
        var response = await PostAsync(GatewayA, Batch(GatewayA, ("HVR-BULK-W", 100m), (victim, 99_999m)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains($"may only report the meters attached to it; not attached: {victim}", problem, StringComparison.Ordinal);
        Assert.Equal(0, await ReadingsOfAsync(victim));
        Assert.Equal(0, await ReadingsOfAsync("HVR-BULK-W"));
        await using (var db = await DbAsync())
        {
            Assert.Equal(ledgerLines, await db.LedgerLines.CountAsync());
            var letter = await db.DeadLetters.SingleAsync();
            Assert.Equal($"quantify/gateways/{GatewayA}/readings", letter.Topic);
            Assert.Contains($"not attached: {victim}", letter.Reason, StringComparison.Ordinal);
        }

        // The same batch again (a gateway retrying) is refused again but not stored twice.
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(GatewayA, Batch(GatewayA, ("HVR-BULK-W", 100m), (victim, 99_999m)))).StatusCode);
        // B itself may report it; A may report its own meter.
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync("hvr-4g-2", Batch("hvr-4g-2", (victim, 10m)))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(GatewayA, Batch(GatewayA, ("HVR-BULK-W", 100m)))).StatusCode);
        Assert.Equal(1, await ReadingsOfAsync(victim));
        Assert.Equal(1, await ReadingsOfAsync("HVR-BULK-W"));
    }

    [Fact]
    public async Task TheEstateWideFlag_LetsAGatewayReportAnyMeterOfItsEstate_ButNeverAnotherEstates()
    {
        var unattached = "HVR-W-101"; // a Harbour View meter attached to no gateway
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(GatewayA, Batch(GatewayA, (unattached, 5m)))).StatusCode);

        Assert.True((await Gateways.SetEstateWideAsync(await GatewayIdAsync(GatewayA), true)).IsSuccess);
        Assert.True((await Gateways.ListAsync()).Single(g => g.Code == GatewayA).ReportsEstateWide);
        Assert.Equal(HttpStatusCode.Accepted, (await PostAsync(GatewayA, Batch(GatewayA, (unattached, 5m)))).StatusCode);
        Assert.Equal(1, await ReadingsOfAsync(unattached));

        var elsewhere = await PostAsync(GatewayA, Batch(GatewayA, ("SLF-W-A101", 5m)));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Contains("may only report meters of its own estate", await elsewhere.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await ReadingsOfAsync("SLF-W-A101"));
    }

    [Fact]
    public async Task OverMqtt_ABatchNamingAnotherGatewaysMeter_OrFromAnUnknownGateway_IsDeadLettered_NotStored()
    {
        var victim = await MeterBehindGatewayBAsync();
        var subscriber = app.Services.GetRequiredService<MqttIngestionService>();
        await Protocols.Eventually.TrueAsync(() => subscriber.IsReady, "the ingestion service subscribed", 20_000);
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId("scope-test")
            .WithCredentials("quantify", Password).Build());
        async Task PublishAsync(string code, byte[] body) => await client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"quantify/gateways/{code}/readings").WithPayload(body).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

        await PublishAsync(GatewayA, Batch(GatewayA, (victim, 99_999m)));
        await PublishAsync("no-such-gateway", Batch("no-such-gateway", ("HVR-BULK-W", 1m)));
        await PublishAsync(GatewayA, Batch(GatewayA, ("HVR-BULK-W", 200m))); // its own meter: stored

        List<DeadLetter> letters = [];
        await Protocols.Eventually.TrueAsync(() =>
        {
            using var db = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContext();
            letters = [.. db.DeadLetters.AsNoTracking().OrderBy(d => d.Id)];
            return letters.Count == 2 && db.MeterReadings.Any(r => db.Meters.Any(m => m.Id == r.MeterId && m.SerialNumber == "HVR-BULK-W"));
        }, "two dead letters and A's own reading", 20_000);
        Assert.Contains(letters, d => d.Topic == $"quantify/gateways/{GatewayA}/readings" && d.Reason.Contains($"not attached: {victim}", StringComparison.Ordinal));
        Assert.Contains(letters, d => d.Topic == "quantify/gateways/no-such-gateway/readings"
            && d.Reason.StartsWith("Unknown or inactive gateway 'no-such-gateway'", StringComparison.Ordinal));
        Assert.Equal(0, await ReadingsOfAsync(victim));
    }
}
