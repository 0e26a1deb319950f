using System.Globalization;
using System.Text.Json;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Cellular;

/// <summary>
/// The JSON batch 4G/NB-IoT gateways send (MQTT topic <c>quantify/gateways/{gatewayId}/readings</c>):
/// <c>{"gatewayId": "...", "messageId": "...", "readings": [{"serial" or "eui", "register", "timestamp", "relayClosed"?, "leak"?, "tamper"?}]}</c>.
/// A batch is all-or-nothing: one bad row rejects the message (to the dead-letter store) with the row named.
/// </summary>
public static class GatewayBatchDecoder
{
    public const string TopicPrefix = "quantify/gateways/";

    public static bool Matches(string topic) => topic.StartsWith(TopicPrefix, StringComparison.Ordinal) && topic.EndsWith("/readings", StringComparison.Ordinal);

    public static DecodedMessage Decode(IncomingMessage message)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(message.Payload); }
        catch (JsonException ex) { return DecodedMessage.Fail($"Gateway batch is not JSON: {ex.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("readings", out var rows) || rows.ValueKind != JsonValueKind.Array)
                return DecodedMessage.Fail("Gateway batch has no 'readings' array.");
            var readings = new List<DecodedReading>();
            var i = 0;
            foreach (var row in rows.EnumerateArray())
            {
                i++;
                if (row.ValueKind != JsonValueKind.Object) return DecodedMessage.Fail($"Reading {i} is not an object.");
                var eui = row.TryGetProperty("eui", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                var serial = row.TryGetProperty("serial", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                if (string.IsNullOrWhiteSpace(eui) && string.IsNullOrWhiteSpace(serial)) return DecodedMessage.Fail($"Reading {i} names no meter: give 'serial' or 'eui'.");
                if (!row.TryGetProperty("register", out var r) || r.ValueKind != JsonValueKind.Number || !r.TryGetDecimal(out var register) || register < 0)
                    return DecodedMessage.Fail($"Reading {i}: 'register' must be a non-negative number.");
                if (!row.TryGetProperty("timestamp", out var t) || t.ValueKind != JsonValueKind.String
                    || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                    return DecodedMessage.Fail($"Reading {i}: 'timestamp' must be an ISO 8601 time.");
                bool? relay = row.TryGetProperty("relayClosed", out var rc) && rc.ValueKind is JsonValueKind.True or JsonValueKind.False ? rc.GetBoolean() : null;
                var key = eui is not null ? (DeviceKeyKind.DeviceEui, eui.ToLowerInvariant().Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal)) : (DeviceKeyKind.Serial, serial!);
                readings.Add(new DecodedReading(key.Item1, key.Item2, at, register, null, relay, null,
                    row.TryGetProperty("leak", out var l) && l.ValueKind == JsonValueKind.True, row.TryGetProperty("tamper", out var tm) && tm.ValueKind == JsonValueKind.True));
            }
            return readings.Count == 0 ? DecodedMessage.Fail("Gateway batch has no readings.") : new DecodedMessage(readings, [], null);
        }
    }
}
