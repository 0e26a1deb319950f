using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Tests.Ingestion;

/// <summary>4G/NB-IoT gateways POST signed reading batches; the signature, clock, estate and payload are checked before anything is accepted.</summary>
public class GatewayEndpointTests : IAsyncLifetime
{
    private TestApp app = null!;
    private HttpClient http = null!;
    private const string Gateway = "hvr-4g-1";

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = TestApp.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = "gateway-test-secret", // outside Development the default password is refused
        });
        http = app.CreateClient();
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private string Key(string code = Gateway) => app.Services.GetRequiredService<GatewayKeys>().KeyFor(code, 1);

    private static byte[] Batch(string serial, decimal register, DateTimeOffset at) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { gatewayId = Gateway, readings = new[] { new { serial, register, timestamp = at.ToString("o") } } }));

    private Task<HttpResponseMessage> PostAsync(byte[] body, string? key = null, DateTimeOffset? at = null, string code = Gateway)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/gateways/{code}/readings") { Content = new ByteArrayContent(body) };
        request.Headers.Add("X-Quantify-Timestamp", timestamp);
        request.Headers.Add("X-Quantify-Signature", "sha256=" + GatewayKeys.Sign(key ?? Key(code), timestamp, body));
        return http.SendAsync(request);
    }

    private async Task<int> ReadingsOfAsync(string serial)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.MeterReadings.CountAsync(r => db.Meters.Any(m => m.Id == r.MeterId && m.SerialNumber == serial));
    }

    [Fact]
    public async Task ASignedBatch_IsAcceptedOnceCommitted_AndStored()
    {
        var response = await PostAsync(Batch("HVR-BULK-W", 1234.5m, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(1, await ReadingsOfAsync("HVR-BULK-W")); // 202 means committed: no waiting needed
    }

    [Fact]
    public async Task AWrongSignature_AStaleTimestamp_OrAnUnknownGateway_AreRefused_AndNothingIsStored()
    {
        var body = Batch("HVR-BULK-W", 10m, DateTimeOffset.UtcNow);
        var wrongKey = await PostAsync(body, key: new string('0', 64));
        var stale = await PostAsync(body, at: DateTimeOffset.UtcNow.AddMinutes(-10));
        var unknown = await PostAsync(body, code: "no-such-gateway");

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Contains("Signature does not match", await wrongKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        Assert.Contains("check the gateway clock", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(0, await ReadingsOfAsync("HVR-BULK-W"));
    }

    [Fact]
    public async Task AGateway_CannotReportAnotherEstatesMeters()
    {
        var response = await PostAsync(Batch("SLF-W-A101", 5m, DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SLF-W-A101", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await ReadingsOfAsync("SLF-W-A101"));
    }

    [Fact]
    public async Task AMalformedBatch_IsRefusedWithTheRowAndField()
    {
        var body = Encoding.UTF8.GetBytes("""{"readings":[{"serial":"HVR-BULK-W","register":-4,"timestamp":"2026-11-02T08:00:00Z"}]}""");
        var response = await PostAsync(body);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Reading 1: 'register' must be a non-negative number", await response.Content.ReadAsStringAsync());
    }
}
