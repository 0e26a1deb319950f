namespace Quantify.Ingestion.Pipeline;

/// <summary>How a decoded reading names its meter.</summary>
public enum DeviceKeyKind { DeviceEui, Serial }

/// <summary>One register reading after protocol decoding, before it is matched to a meter.</summary>
public sealed record DecodedReading(
    DeviceKeyKind KeyKind,
    string DeviceKey,
    DateTimeOffset ReadAt,
    decimal Register,
    string? DedupeId,
    bool? RelayClosed = null,
    decimal? TemperatureC = null,
    bool Leak = false,
    bool Tamper = false)
{
    /// <summary>ChirpStack deduplicationId, else the source message id, else meter+timestamp. Never the frame counter alone.</summary>
    public string DedupeKey => DedupeId ?? $"{DeviceKey}@{ReadAt.UtcTicks}";
}

/// <summary>Something a device said that is not a reading: battery status, a downlink acknowledgement.</summary>
public sealed record DeviceEvent(DeviceKeyKind KeyKind, string DeviceKey, DateTimeOffset At, int? BatteryPercent = null, string? AcknowledgedCorrelationId = null, bool? Acknowledged = null);

public sealed record DecodedMessage(IReadOnlyList<DecodedReading> Readings, IReadOnlyList<DeviceEvent> Events, string? Error)
{
    public static DecodedMessage Fail(string error) => new([], [], error);
    public bool IsError => Error is not null;
}

/// <summary>Turns a raw message into readings and events, or a specific error. Never throws for bad input.</summary>
public interface IMessageDecoder
{
    DecodedMessage Decode(IncomingMessage message);
}
