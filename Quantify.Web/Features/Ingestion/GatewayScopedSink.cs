using Microsoft.EntityFrameworkCore;
using Quantify.Ingestion.Cellular;
using Quantify.Ingestion.Pipeline;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Ingestion;

/// <summary>
/// In front of the pipeline for MQTT: a gateway batch (<c>quantify/gateways/{code}/readings</c>) is accepted only from an
/// active gateway and only for meters it may report (<see cref="GatewayScope"/>); otherwise the whole batch is
/// dead-lettered with the reason (and acknowledged: resending it would not change the answer). Other topics pass through.
/// </summary>
public sealed class GatewayScopedSink(IIngestionSink inner, IDbContextFactory<QuantifyDbContext> factory, IDeadLetterStore deadLetters) : IIngestionSink
{
    public async Task AcceptAsync(IncomingMessage message, CancellationToken ct)
    {
        if (!GatewayBatchDecoder.Matches(message.Topic))
        {
            await inner.AcceptAsync(message, ct);
            return;
        }
        var decoded = GatewayBatchDecoder.Decode(message);
        if (decoded.IsError)
        {
            await inner.AcceptAsync(message, ct); // the pipeline dead-letters it with the decoder's reason
            return;
        }
        const string suffix = "/readings";
        var code = message.Topic.Length > GatewayBatchDecoder.TopicPrefix.Length + suffix.Length
            ? message.Topic[GatewayBatchDecoder.TopicPrefix.Length..^suffix.Length] : "";
        string? refusal;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var gateway = await db.Gateways.AsNoTracking().FirstOrDefaultAsync(g => g.Code == code, ct);
            refusal = gateway is null || !gateway.IsActive
                ? $"Unknown or inactive gateway '{code}': register it on the gateway page, then replay this batch."
                : await GatewayScope.RefusalAsync(db, gateway, decoded, ct);
        }
        if (refusal is null) await inner.AcceptAsync(message, ct);
        else await deadLetters.AddAsync([new DeadLetterItem(message.Source, message.Topic, message.Payload.ToArray(), refusal, message.ReceivedAt, message.MessageId)], ct);
    }
}
