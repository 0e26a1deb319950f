using System.Diagnostics;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using Quantify.Ingestion.ChirpStack;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Protocols;
using Quantify.Web.Data;

namespace Quantify.Tests.Ingestion;

/// <summary>The co-hosted ingestion service, for real: embedded broker on loopback, QoS 1 subscriber, pipeline, SQLite.</summary>
public class MqttEndToEndTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed0010000"; // the demo's unit A101 electricity meter
    private const string Topic = "application/8a1c2e7e-0d8a-4d8b-9d6a-1f1d5f6b2a11/device/" + Eui + "/event/up";
    private TestApp app = null!;
    private int port;

    public async Task InitializeAsync()
    {
        port = TestApp.FreePort();
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:Password"] = "test-secret",
        });
        var subscriber = app.Services.GetRequiredService<Quantify.Ingestion.Mqtt.MqttIngestionService>();
        for (var i = 0; i < 100 && !subscriber.IsReady; i++) await Task.Delay(100);
        Assert.True(subscriber.IsReady, "The ingestion service did not subscribe to the embedded broker.");
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<IMqttClient> ConnectAsync(string user = "quantify", string password = "test-secret")
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("test-" + Guid.NewGuid().ToString("N"))
            .WithCredentials(user, password).Build());
        return client;
    }

    private async Task<List<Quantify.Domain.Metering.MeterReading>> ReadingsAsync(int expected)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync();
            var rows = await db.MeterReadings.AsNoTracking().Where(r => db.Meters.Any(m => m.Id == r.MeterId && m.DeviceEui == Eui)).OrderBy(r => r.ReadAt).ToListAsync();
            if (rows.Count >= expected || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task TheSameUplinkPublishedThreeTimes_IsStoredOnce()
    {
        using var client = await ConnectAsync();
        var payload = ChirpStackDecoderTests.Uplink(Eui, 10, MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, 1000.5m, RelayClosed: true)), dedup: "0f2c5d9e-1111-4a4a-8b8b-000000000001");
        for (var i = 0; i < 3; i++)
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var second = ChirpStackDecoderTests.Uplink(Eui, 10, MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, 1002m, RelayClosed: true)),
            dedup: "0f2c5d9e-1111-4a4a-8b8b-000000000002", time: "2026-11-02T09:00:00Z");
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(second).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var rows = await ReadingsAsync(2);
        await Task.Delay(500);
        rows = await ReadingsAsync(2);
        Assert.Equal(2, rows.Count);
        Assert.Equal(1.5m, rows[1].Consumption);
    }

    [Fact]
    public async Task MosquittoPub_AnIndependentClient_DeliversARealChirpStackUplink()
    {
        var payload = ChirpStackDecoderTests.Uplink(Eui, 10, MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, 2000m, RelayClosed: true)), dedup: "5b0e0a3e-2222-4b4b-8c8c-000000000001");
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, payload);
        var psi = new ProcessStartInfo("mosquitto_pub", ["-h", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-i", "mosquitto-test", "-u", "quantify", "-P", "test-secret", "-q", "1", "-t", Topic, "-f", file]) { RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, await p.StandardError.ReadToEndAsync());
        var rows = await ReadingsAsync(1);
        Assert.Equal(2000m, Assert.Single(rows).Register);
        File.Delete(file);
    }

    [Fact]
    public async Task TheEmbeddedBroker_RefusesWrongCredentials()
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("intruder").WithCredentials("quantify", "wrong").Build();
        string outcome;
        try { outcome = (await client.ConnectAsync(options)).ResultCode.ToString(); }
        catch (MQTTnet.Adapter.MqttConnectingFailedException ex) { outcome = ex.Message; }
        Assert.Contains("BadUserNameOrPassword", outcome, StringComparison.Ordinal);
        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task GarbageOnAMeterTopic_IsDeadLettered_WithItsBytes()
    {
        using var client = await ConnectAsync();
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(Encoding.UTF8.GetBytes("{\"broken\": ")).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var factory = app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        DeadLetter? letter = null;
        for (var i = 0; i < 100 && letter is null; i++)
        {
            await Task.Delay(100);
            await using var db = await factory.CreateDbContextAsync();
            letter = await db.DeadLetters.AsNoTracking().FirstOrDefaultAsync();
        }
        Assert.NotNull(letter);
        Assert.Equal(Topic, letter!.Topic);
        Assert.Equal("{\"broken\": ", Encoding.UTF8.GetString(letter.Payload));
        Assert.Contains("not JSON", letter.Reason, StringComparison.Ordinal);
    }
}
