using System.Text;
using Quantify.Ingestion.ChirpStack;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Tests.Protocols;

public class ChirpStackDecoderTests
{
    private const string Eui = "70b3d57ed0010000";
    private const string Topic = "application/8a1c2e7e-0d8a-4d8b-9d6a-1f1d5f6b2a11/device/" + Eui + "/event/up";
    private static readonly DateTimeOffset Received = new(2026, 11, 2, 8, 0, 5, TimeSpan.Zero);

    /// <summary>A ChirpStack v4 uplink as its MQTT integration publishes it (JSON encoding), with raw data.</summary>
    public static string Uplink(string eui, int fPort, byte[] data, string dedup = "3d6e0c6c-6f0b-4d68-9a42-3a2b1d2a9e01", string time = "2026-11-02T08:00:00.123456Z") => $$"""
        {
          "deduplicationId": "{{dedup}}",
          "time": "{{time}}",
          "deviceInfo": {
            "tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "Quantify",
            "applicationId": "8a1c2e7e-0d8a-4d8b-9d6a-1f1d5f6b2a11", "applicationName": "Silverleaf meters",
            "deviceProfileId": "0b3a7d43-1f3e-4b5c-9a6d-5e1f2a3b4c5d", "deviceProfileName": "Quantify electricity v1",
            "deviceName": "SLF-E-A101", "devEui": "{{eui}}", "deviceClassEnabled": "CLASS_A", "tags": {}
          },
          "devAddr": "01fa2b3c", "adr": true, "dr": 5, "fCnt": 412, "fPort": {{fPort}}, "confirmed": false,
          "data": "{{Convert.ToBase64String(data)}}",
          "rxInfo": [{ "gatewayId": "0016c001f153a14c", "uplinkId": 40123, "rssi": -87, "snr": 9.5, "channel": 2, "location": {}, "context": "AAAAAA==", "metadata": {}, "crcStatus": "CRC_OK" }],
          "txInfo": { "frequency": 868100000, "modulation": { "lora": { "bandwidth": 125000, "spreadingFactor": 7, "codeRate": "CR_4_5" } } }
        }
        """;

    private static DecodedMessage Decode(string topic, string json) => new MessageDecoder().Decode(new IncomingMessage(MessageSource.Mqtt, topic, Encoding.UTF8.GetBytes(json), Received));

    [Fact]
    public void ElectricityUplink_FromRawData_GivesKwhRelayAndTheDeduplicationId()
    {
        var data = MeterPayloads.Encode(new MeterFrame(MeterProfile.Electricity, 12345.678m, RelayClosed: true));
        Assert.Equal([0x00, 0xBC, 0x61, 0x4E, 0x01], data);
        var d = Decode(Topic, Uplink(Eui, 10, data));
        var r = Assert.Single(d.Readings);
        Assert.Equal(12345.678m, r.Register);
        Assert.True(r.RelayClosed);
        Assert.Equal("3d6e0c6c-6f0b-4d68-9a42-3a2b1d2a9e01", r.DedupeKey);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4560), r.ReadAt);
    }

    [Fact]
    public void WaterHotWaterAndSolar_DecodeTheirFlagsAndUnits()
    {
        var water = Assert.Single(Decode(Topic, Uplink(Eui, 20, [0x00, 0x00, 0x30, 0x39, 0x03])).Readings);
        Assert.Equal(12.345m, water.Register);
        Assert.True(water.Leak);
        Assert.True(water.Tamper);
        var hot = Assert.Single(Decode(Topic, Uplink(Eui, 30, MeterPayloads.Encode(new MeterFrame(MeterProfile.HotWater, 3.5m, TemperatureC: 58.4m)))).Readings);
        Assert.Equal(58.4m, hot.TemperatureC);
        var solar = Assert.Single(Decode(Topic, Uplink(Eui, 40, MeterPayloads.Encode(new MeterFrame(MeterProfile.Solar, 801.25m)))).Readings);
        Assert.Equal(801.25m, solar.Register);
    }

    [Fact]
    public void DecodedObject_FromTheDeviceProfileCodec_IsPreferredOverRawData()
    {
        var json = Uplink(Eui, 10, [0, 0, 0, 1, 0]).Replace("\"data\":", "\"object\": { \"energyKwh\": 1500.25, \"relayClosed\": false },\n  \"data\":", StringComparison.Ordinal);
        var r = Assert.Single(Decode(Topic, json).Readings);
        Assert.Equal(1500.25m, r.Register);
        Assert.False(r.RelayClosed);
    }

    [Fact]
    public void StatusAndAckEvents_BecomeDeviceEvents()
    {
        var status = Decode(Topic.Replace("/up", "/status", StringComparison.Ordinal),
            $$"""{"deduplicationId":"x","time":"2026-11-02T08:00:00Z","deviceInfo":{"devEui":"{{Eui}}"},"margin":7,"externalPowerSource":false,"batteryLevelUnavailable":false,"batteryLevel":12.5}""");
        Assert.Equal(13, Assert.Single(status.Events).BatteryPercent);
        var ack = Decode(Topic.Replace("/up", "/ack", StringComparison.Ordinal),
            $$"""{"deduplicationId":"y","time":"2026-11-02T08:00:00Z","deviceInfo":{"devEui":"{{Eui}}"},"queueItemId":"a6b1c2d3-0000-4000-8000-000000000001","acknowledged":true,"fCntDown":12}""");
        var e = Assert.Single(ack.Events);
        Assert.Equal("a6b1c2d3-0000-4000-8000-000000000001", e.AcknowledgedCorrelationId);
        Assert.True(e.Acknowledged);
    }

    [Theory]
    [InlineData("not json at all", "not JSON")]
    [InlineData("[1,2,3]", "not an object")]
    public void Garbage_IsAnErrorWithAReason(string payload, string expected) =>
        Assert.Contains(expected, Decode(Topic, payload).Error, StringComparison.Ordinal);

    [Fact]
    public void BadBase64_WrongLength_UnknownPort_MissingDedupId_AndMismatchedEui_AreEachNamed()
    {
        Assert.Contains("not valid base64", Decode(Topic, Uplink(Eui, 10, [1, 2, 3, 4, 5]).Replace("AQIDBAU=", "@@@", StringComparison.Ordinal)).Error, StringComparison.Ordinal);
        Assert.Contains("is 5 bytes, this one is 3", Decode(Topic, Uplink(Eui, 10, [1, 2, 3])).Error, StringComparison.Ordinal);
        Assert.Contains("Unknown fPort 99", Decode(Topic, Uplink(Eui, 99, [1, 2, 3, 4, 5])).Error, StringComparison.Ordinal);
        Assert.Contains("no deduplicationId", Decode(Topic, Uplink(Eui, 10, [1, 2, 3, 4, 5], dedup: "")).Error, StringComparison.Ordinal);
        Assert.Contains("does not match the topic", Decode(Topic, Uplink("70b3d57ed00100ff", 10, [1, 2, 3, 4, 5])).Error, StringComparison.Ordinal);
        Assert.Contains("No decoder for topic", Decode("some/other/topic", "{}").Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TenThousandRandomPayloads_NeverThrow()
    {
        var rng = new Random(7);
        var decoder = new MessageDecoder();
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = new byte[rng.Next(0, 200)];
            rng.NextBytes(bytes);
            if (i % 3 == 0) bytes = Encoding.UTF8.GetBytes(Uplink(Eui, rng.Next(0, 50), bytes[..Math.Min(bytes.Length, 9)]));
            var d = decoder.Decode(new IncomingMessage(MessageSource.Mqtt, i % 2 == 0 ? Topic : "quantify/gateways/g1/readings", bytes, Received));
            Assert.True(d.IsError || d.Readings.Count > 0 || d.Events.Count > 0);
        }
    }

    [Fact]
    public void GatewayBatch_NamesTheBadRow()
    {
        var ok = Decode("quantify/gateways/gw-7/readings", """{"gatewayId":"gw-7","messageId":"m1","readings":[{"serial":"HVR-BULK-W","register":1234.5,"timestamp":"2026-11-02T08:00:00Z"}]}""");
        Assert.Equal("HVR-BULK-W", Assert.Single(ok.Readings).DeviceKey);
        var bad = Decode("quantify/gateways/gw-7/readings", """{"readings":[{"serial":"A","register":1,"timestamp":"2026-11-02T08:00:00Z"},{"serial":"B","register":"lots","timestamp":"x"}]}""");
        Assert.Equal("Reading 2: 'register' must be a non-negative number.", bad.Error);
    }
}
