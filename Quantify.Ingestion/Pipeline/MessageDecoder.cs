using Quantify.Ingestion.Cellular;
using Quantify.Ingestion.ChirpStack;

namespace Quantify.Ingestion.Pipeline;

/// <summary>Routes a message to its protocol's decoder by topic. Anything unrecognised is an error (dead-lettered), never dropped.</summary>
public sealed class MessageDecoder : IMessageDecoder
{
    public DecodedMessage Decode(IncomingMessage message)
    {
        if (ChirpStackDecoder.Matches(message.Topic)) return ChirpStackDecoder.Decode(message);
        if (GatewayBatchDecoder.Matches(message.Topic)) return GatewayBatchDecoder.Decode(message);
        if (Modbus.ModbusReadingDecoder.Matches(message.Topic)) return Modbus.ModbusReadingDecoder.Decode(message);
        return DecodedMessage.Fail($"No decoder for topic '{message.Topic}'.");
    }
}
