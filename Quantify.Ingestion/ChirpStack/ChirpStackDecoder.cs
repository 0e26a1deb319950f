using System.Globalization;
using System.Text.Json;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.ChirpStack;

/// <summary>
/// ChirpStack v4 MQTT integration (JSON encoding): <c>application/{appId}/device/{devEui}/event/{up|status|ack|txack}</c>.
/// Uplinks decode from the codec's <c>object</c> when present, else from the raw base64 <c>data</c>. The dedupe key is
/// ChirpStack's <c>deduplicationId</c> (frame counters reset, so they are never used alone).
/// </summary>
public static class ChirpStackDecoder
{
    public static bool Matches(string topic) => topic.StartsWith("application/", StringComparison.Ordinal) && topic.Contains("/event/", StringComparison.Ordinal);

    public static DecodedMessage Decode(IncomingMessage message)
    {
        var parts = message.Topic.Split('/');
        if (parts.Length != 6 || parts[2] != "device" || parts[4] != "event")
            return DecodedMessage.Fail($"Topic '{message.Topic}' is not application/{{appId}}/device/{{devEui}}/event/{{type}}.");
        var topicEui = parts[3].ToLowerInvariant();
        JsonDocument doc;
        try { doc = JsonDocument.Parse(message.Payload); }
        catch (JsonException ex) { return DecodedMessage.Fail($"Payload is not JSON: {ex.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return DecodedMessage.Fail("Payload is JSON but not an object.");
            var eui = Text(root, "deviceInfo", "devEui")?.ToLowerInvariant() ?? topicEui;
            if (eui.Length != 16 || !eui.All(Uri.IsHexDigit)) return DecodedMessage.Fail($"Device EUI '{eui}' is not 16 hex digits.");
            if (eui != topicEui) return DecodedMessage.Fail($"deviceInfo.devEui {eui} does not match the topic's {topicEui}.");
            var time = Time(root) ?? message.ReceivedAt;
            return parts[5] switch
            {
                "up" => Uplink(root, eui, time),
                "status" => new DecodedMessage([], [new DeviceEvent(DeviceKeyKind.DeviceEui, eui, time,
                    BatteryPercent: root.TryGetProperty("batteryLevel", out var b) && b.TryGetDouble(out var level) ? (int)Math.Round(level, MidpointRounding.AwayFromZero) : null)], null),
                "ack" => new DecodedMessage([], [new DeviceEvent(DeviceKeyKind.DeviceEui, eui, time,
                    AcknowledgedCorrelationId: Text(root, "queueItemId"), Acknowledged: root.TryGetProperty("acknowledged", out var a) && a.ValueKind == JsonValueKind.True)], null),
                "txack" => new DecodedMessage([], [new DeviceEvent(DeviceKeyKind.DeviceEui, eui, time)], null),
                var other => DecodedMessage.Fail($"Event type '{other}' is not handled (up, status, ack, txack are)."),
            };
        }
    }

    private static DecodedMessage Uplink(JsonElement root, string eui, DateTimeOffset time)
    {
        var dedupe = Text(root, "deduplicationId");
        if (string.IsNullOrEmpty(dedupe)) return DecodedMessage.Fail("Uplink has no deduplicationId.");
        MeterFrame? frame;
        if (root.TryGetProperty("object", out var obj) && obj.ValueKind == JsonValueKind.Object)
        {
            if (!TryFromObject(obj, out frame, out var objError)) return DecodedMessage.Fail(objError!);
        }
        else
        {
            if (!root.TryGetProperty("fPort", out var portEl) || !portEl.TryGetInt32(out var port)) return DecodedMessage.Fail("Uplink has no fPort.");
            var data = Text(root, "data");
            if (data is null) return DecodedMessage.Fail("Uplink has neither a decoded object nor data.");
            byte[] bytes;
            try { bytes = Convert.FromBase64String(data); }
            catch (FormatException) { return DecodedMessage.Fail($"Uplink data '{Shorten(data)}' is not valid base64."); }
            if (!MeterPayloads.TryDecode(port, bytes, out frame, out var error)) return DecodedMessage.Fail(error!);
        }
        var f = frame!;
        return new DecodedMessage([new DecodedReading(DeviceKeyKind.DeviceEui, eui, time, f.Register, dedupe, f.RelayClosed, f.TemperatureC, f.Leak, f.Tamper)], [], null);
    }

    /// <summary>Codec output: {"energyKwh"| "volumeKl" | "generatedKwh": n, "relayClosed", "leak", "tamper", "temperatureC"}.</summary>
    private static bool TryFromObject(JsonElement obj, out MeterFrame? frame, out string? error)
    {
        frame = null;
        error = null;
        decimal? Num(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;
        bool Flag(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        bool? Relay() => obj.TryGetProperty("relayClosed", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        if (Num("energyKwh") is { } kwh) frame = new MeterFrame(MeterProfile.Electricity, kwh, Relay(), Tamper: Flag("tamper"));
        else if (Num("generatedKwh") is { } gen) frame = new MeterFrame(MeterProfile.Solar, gen, Tamper: Flag("tamper"));
        else if (Num("volumeKl") is { } kl)
            frame = Num("temperatureC") is { } t
                ? new MeterFrame(MeterProfile.HotWater, kl, Leak: Flag("leak"), Tamper: Flag("tamper"), TemperatureC: t)
                : new MeterFrame(MeterProfile.Water, kl, Leak: Flag("leak"), Tamper: Flag("tamper"));
        else
        {
            error = "Decoded object has no energyKwh, volumeKl or generatedKwh.";
            return false;
        }
        if (frame.Register < 0) { error = $"Register {frame.Register} is negative."; frame = null; return false; }
        return true;
    }

    private static string? Text(JsonElement root, params string[] path)
    {
        var e = root;
        foreach (var p in path)
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e)) return null;
        return e.ValueKind == JsonValueKind.String ? e.GetString() : null;
    }

    private static DateTimeOffset? Time(JsonElement root) =>
        Text(root, "time") is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    private static string Shorten(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
