using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Quantify.Domain.Metering;
using Quantify.Ingestion.ChirpStack;

namespace Quantify.Web.Features.Simulation;

/// <summary>
/// What the simulated devices send, in the formats the app ingests: ChirpStack v4 uplink events (JSON integration, with
/// the raw frame in <c>data</c> and the codec's <c>object</c>), garbage uplinks, and 4G gateway batches.
/// </summary>
public static class SimulatedPayloads
{
    public static string UplinkTopic(string applicationId, string devEui) => $"application/{applicationId}/device/{devEui.ToLowerInvariant()}/event/up";

    public static string AckTopic(string applicationId, string devEui) => $"application/{applicationId}/device/{devEui.ToLowerInvariant()}/event/ack";

    /// <summary>The profile (frame port) of a LoRaWAN meter type.</summary>
    public static MeterProfile ProfileOf(MeterType type) => type switch
    {
        MeterType.Water or MeterType.BulkWater => MeterProfile.Water,
        MeterType.HotWater => MeterProfile.HotWater,
        MeterType.Solar => MeterProfile.Solar,
        _ => MeterProfile.Electricity,
    };

    public static MeterFrame FrameOf(SimulatedReading r)
    {
        var profile = ProfileOf(r.Meter.Type);
        return profile switch
        {
            MeterProfile.Electricity => new MeterFrame(profile, r.Register, RelayClosed: r.SupplyOn, Tamper: r.Tamper),
            MeterProfile.Water => new MeterFrame(profile, r.Register, Leak: r.Leak, Tamper: r.Tamper),
            MeterProfile.HotWater => new MeterFrame(profile, r.Register, Leak: r.Leak, Tamper: r.Tamper, TemperatureC: r.TemperatureC ?? 60m),
            _ => new MeterFrame(profile, r.Register, Tamper: r.Tamper),
        };
    }

    /// <summary>A ChirpStack v4 <c>event/up</c> for the reading: a fresh deduplicationId, the frame counter, base64 data and the decoded object.</summary>
    public static byte[] Uplink(SimulatedReading r, string applicationId, Guid deduplicationId)
    {
        var eui = r.Meter.Record.DeviceEui!.ToLowerInvariant();
        var frame = FrameOf(r);
        var json = Envelope(r, applicationId, deduplicationId, eui, (int)frame.Profile);
        json["data"] = Convert.ToBase64String(MeterPayloads.Encode(frame));
        json["object"] = DecodedObject(frame);
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    /// <summary>A broken uplink of the given kind, without a decoded object (a codec cannot make sense of it either).</summary>
    public static byte[] Malformed(SimulatedReading r, MalformedKind kind, string applicationId, Guid deduplicationId, Random dice)
    {
        var eui = r.Meter.Record.DeviceEui!.ToLowerInvariant();
        var profile = ProfileOf(r.Meter.Type);
        switch (kind)
        {
            case MalformedKind.WrongLength:
            {
                var bytes = new byte[dice.Next(1, MeterPayloads.LengthOf(profile))];
                dice.NextBytes(bytes);
                var json = Envelope(r, applicationId, deduplicationId, eui, (int)profile);
                json["data"] = Convert.ToBase64String(bytes);
                return Encoding.UTF8.GetBytes(json.ToJsonString());
            }
            case MalformedKind.UnknownPort:
            {
                var bytes = new byte[5];
                dice.NextBytes(bytes);
                var json = Envelope(r, applicationId, deduplicationId, eui, 99);
                json["data"] = Convert.ToBase64String(bytes);
                return Encoding.UTF8.GetBytes(json.ToJsonString());
            }
            default:
            {
                var whole = Uplink(r, applicationId, deduplicationId);
                return whole[..(whole.Length / 2)];
            }
        }
    }

    /// <summary>The codec output the app reads before <c>data</c> (same field names as <see cref="ChirpStackDecoder"/>).</summary>
    public static JsonObject DecodedObject(MeterFrame frame)
    {
        var o = new JsonObject();
        switch (frame.Profile)
        {
            case MeterProfile.Electricity:
                o["energyKwh"] = frame.Register;
                o["relayClosed"] = frame.RelayClosed == true;
                break;
            case MeterProfile.Solar:
                o["generatedKwh"] = frame.Register;
                break;
            default:
                o["volumeKl"] = frame.Register;
                o["leak"] = frame.Leak;
                if (frame.TemperatureC is { } t) o["temperatureC"] = t;
                break;
        }
        o["tamper"] = frame.Tamper;
        return o;
    }

    private static JsonObject Envelope(SimulatedReading r, string applicationId, Guid deduplicationId, string eui, int fPort)
    {
        var m = r.Meter;
        var h = m.Household;
        return new JsonObject
        {
            ["deduplicationId"] = deduplicationId.ToString(),
            ["time"] = r.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["deviceInfo"] = new JsonObject
            {
                ["tenantId"] = "00000000-0000-4000-8000-00000000a11c",
                ["tenantName"] = "Quantify",
                ["applicationId"] = applicationId,
                ["applicationName"] = "Quantify meters (simulated)",
                ["deviceProfileName"] = $"Quantify {ProfileOf(m.Type).ToString().ToLowerInvariant()} v1",
                ["deviceName"] = m.Serial,
                ["devEui"] = eui,
                ["deviceClassEnabled"] = m.HasRelay ? "CLASS_C" : "CLASS_A",
                ["tags"] = new JsonObject { ["simulated"] = "true" },
            },
            ["devAddr"] = ((uint)(LoadShapes.Hash01(m.Id, 7) * uint.MaxValue)).ToString("x8", CultureInfo.InvariantCulture),
            ["adr"] = true,
            ["dr"] = 5,
            ["fCnt"] = r.FrameCounter,
            ["fPort"] = fPort,
            ["confirmed"] = false,
            ["rxInfo"] = new JsonArray(new JsonObject
            {
                ["gatewayId"] = "0016c001f1500001",
                ["uplinkId"] = (int)(r.FrameCounter % 65536),
                ["rssi"] = -70 - (int)(40 * LoadShapes.Hash01(h.MeterId, 8)),
                ["snr"] = Math.Round(10 - (15 * LoadShapes.Hash01(h.MeterId, 9)), 1),
                ["channel"] = (int)(r.FrameCounter % 8),
                ["crcStatus"] = "CRC_OK",
            }),
            ["txInfo"] = new JsonObject
            {
                ["frequency"] = 868_100_000 + (200_000 * (int)(r.FrameCounter % 3)),
                ["modulation"] = new JsonObject { ["lora"] = new JsonObject { ["bandwidth"] = 125_000, ["spreadingFactor"] = 7, ["codeRate"] = "CR_4_5" } },
            },
        };
    }

    /// <summary>A 4G gateway batch (<see cref="Quantify.Ingestion.Cellular.GatewayBatchDecoder"/> format) for the readings of the meters behind it.</summary>
    public static byte[] GatewayBatch(string gatewayCode, IReadOnlyList<SimulatedReading> readings, DateTimeOffset sentAt) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            gatewayId = gatewayCode,
            messageId = Guid.NewGuid().ToString(),
            sentAt = sentAt.ToString("o", CultureInfo.InvariantCulture),
            readings = readings.Select(r => new GatewayRow(
                r.Meter.Serial,
                r.Register,
                r.At.ToString("o", CultureInfo.InvariantCulture),
                r.Meter.HasRelay && r.Meter.Type == MeterType.Electricity ? r.SupplyOn : null,
                r.Leak ? true : null,
                r.Tamper ? true : null)).ToList(),
        }, BatchJson);

    private static readonly JsonSerializerOptions BatchJson = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    private sealed record GatewayRow(
        [property: System.Text.Json.Serialization.JsonPropertyName("serial")] string Serial,
        [property: System.Text.Json.Serialization.JsonPropertyName("register")] decimal Register,
        [property: System.Text.Json.Serialization.JsonPropertyName("timestamp")] string Timestamp,
        [property: System.Text.Json.Serialization.JsonPropertyName("relayClosed")] bool? RelayClosed,
        [property: System.Text.Json.Serialization.JsonPropertyName("leak")] bool? Leak,
        [property: System.Text.Json.Serialization.JsonPropertyName("tamper")] bool? Tamper);
}
