using System.Text.Json;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Modbus;

/// <summary>
/// A polled reading as a pipeline message: topic <c>modbus/{serial}</c>, payload
/// <c>{"serial","register","readAt","model","relayClosed"}</c>, message id <c>modbus:{serial}:{readAt ticks}</c>
/// (so a reading handed over twice is billed once).
/// </summary>
public static class ModbusReadingMessage
{
    public const string TopicPrefix = "modbus/";

    public static string Topic(string serial) => TopicPrefix + serial;

    public static string MessageId(string serial, DateTimeOffset readAt) => $"modbus:{serial}:{readAt.UtcTicks}";

    public static IncomingMessage Create(string serial, string model, decimal register, DateTimeOffset readAt, bool? relayClosed)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(160);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("serial", serial);
            json.WriteNumber("register", register);
            json.WriteString("readAt", readAt.ToUniversalTime());
            json.WriteString("model", model);
            if (relayClosed is { } closed) json.WriteBoolean("relayClosed", closed);
            else json.WriteNull("relayClosed");
            json.WriteEndObject();
        }
        return new IncomingMessage(MessageSource.Modbus, Topic(serial), buffer.WrittenMemory.ToArray(), readAt, MessageId(serial, readAt));
    }
}
