using System.Text.Json;

namespace Quantify.Ingestion.ChirpStack;

/// <summary>
/// Downlinks through ChirpStack v4's MQTT integration: publish a queue item (JSON) on
/// <c>application/{appId}/device/{devEui}/command/down</c>. The item's <c>id</c> comes back as <c>queueItemId</c> in the
/// device's <c>event/ack</c>, which is how a command learns it was acknowledged.
/// Relay command (fPort 50, confirmed): one byte, 0x01 = close the relay (supply on), 0x00 = open it (supply off).
/// </summary>
public static class ChirpStackDownlink
{
    public const int RelayPort = 50;

    public static string Topic(string applicationId, string devEui) => $"application/{applicationId}/device/{devEui.ToLowerInvariant()}/command/down";

    public static byte[] Relay(string devEui, bool close, string queueItemId) =>
        JsonSerializer.SerializeToUtf8Bytes(new DownlinkItem(queueItemId, devEui.ToLowerInvariant(), true, RelayPort, Convert.ToBase64String([close ? (byte)1 : (byte)0])));

    /// <summary>Reads a relay downlink back (used by the meter simulator and tests). False if it is not one.</summary>
    public static bool TryReadRelay(ReadOnlySpan<byte> payload, out string queueItemId, out bool close)
    {
        queueItemId = "";
        close = false;
        try
        {
            var item = JsonSerializer.Deserialize<DownlinkItem>(payload);
            if (item is null || item.FPort != RelayPort) return false;
            var data = Convert.FromBase64String(item.Data);
            if (data.Length != 1 || data[0] > 1) return false;
            queueItemId = item.Id;
            close = data[0] == 1;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException)
        {
            return false;
        }
    }

    /// <summary>The <c>event/ack</c> ChirpStack publishes when a confirmed downlink is acknowledged (or not).</summary>
    public static byte[] Ack(string devEui, string queueItemId, bool acknowledged, DateTimeOffset time) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            deduplicationId = Guid.NewGuid().ToString(),
            time,
            deviceInfo = new { devEui = devEui.ToLowerInvariant() },
            queueItemId,
            acknowledged,
            fCntDown = 1,
        });

    private sealed record DownlinkItem(
        [property: System.Text.Json.Serialization.JsonPropertyName("id")] string Id,
        [property: System.Text.Json.Serialization.JsonPropertyName("devEui")] string DevEui,
        [property: System.Text.Json.Serialization.JsonPropertyName("confirmed")] bool Confirmed,
        [property: System.Text.Json.Serialization.JsonPropertyName("fPort")] int FPort,
        [property: System.Text.Json.Serialization.JsonPropertyName("data")] string Data);
}
