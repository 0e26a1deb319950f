using System.Text.Json;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Modbus;

/// <summary>Decodes the messages <see cref="ModbusPoller"/> produces (<see cref="ModbusReadingMessage"/>) into a reading keyed by meter serial. Never throws.</summary>
public static class ModbusReadingDecoder
{
    public static bool Matches(string topic) => topic.StartsWith(ModbusReadingMessage.TopicPrefix, StringComparison.Ordinal);

    public static DecodedMessage Decode(IncomingMessage m)
    {
        var topicSerial = m.Topic.Length > ModbusReadingMessage.TopicPrefix.Length ? m.Topic[ModbusReadingMessage.TopicPrefix.Length..] : "";
        if (topicSerial.Length == 0) return DecodedMessage.Fail($"Modbus topic '{m.Topic}' names no meter serial.");
        JsonDocument doc;
        try { doc = JsonDocument.Parse(m.Payload); }
        catch (JsonException ex) { return DecodedMessage.Fail($"Modbus reading is not JSON: {ex.Message}"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return DecodedMessage.Fail("Modbus reading is not a JSON object.");
            if (!root.TryGetProperty("serial", out var s) || s.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(s.GetString()))
                return DecodedMessage.Fail("Modbus reading has no 'serial'.");
            var serial = s.GetString()!;
            if (serial != topicSerial) return DecodedMessage.Fail($"Modbus reading for meter '{serial}' arrived on the topic of meter '{topicSerial}'.");
            if (!root.TryGetProperty("register", out var r) || r.ValueKind != JsonValueKind.Number || !r.TryGetDecimal(out var register) || register < 0)
                return DecodedMessage.Fail("Modbus reading: 'register' must be a non-negative number.");
            if (!root.TryGetProperty("readAt", out var t) || t.ValueKind != JsonValueKind.String || !t.TryGetDateTimeOffset(out var readAt))
                return DecodedMessage.Fail("Modbus reading: 'readAt' must be an ISO 8601 time.");
            bool? relay = root.TryGetProperty("relayClosed", out var rc) && rc.ValueKind is JsonValueKind.True or JsonValueKind.False ? rc.GetBoolean() : null;
            var dedupe = m.MessageId ?? ModbusReadingMessage.MessageId(serial, readAt);
            return new DecodedMessage([new DecodedReading(DeviceKeyKind.Serial, serial, readAt, register, dedupe, relay)], [], null);
        }
    }
}
