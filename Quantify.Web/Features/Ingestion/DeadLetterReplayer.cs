using Quantify.Ingestion.Pipeline;

namespace Quantify.Web.Features.Ingestion;

public sealed record ReplayResult(bool Succeeded, string Message);

/// <summary>Runs a dead letter through the pipeline again (after the cause was fixed); it stays a dead letter if it fails again.</summary>
public sealed class DeadLetterReplayer(DeadLetterService store, IMessageProcessor processor, TimeProvider clock)
{
    public async Task<ReplayResult> ReplayAsync(long id, CancellationToken ct = default)
    {
        var letter = await store.GetAsync(id, ct);
        if (letter is null) return new ReplayResult(false, $"Dead letter #{id} does not exist.");
        var message = new IncomingMessage(MessageSource.Replay, letter.Topic, letter.Payload, clock.GetUtcNow(), letter.MessageId);
        var outcome = await processor.ProcessOneAsync(message, ct);
        var text = outcome.Accepted ? $"Replayed: {outcome.Description}" : $"Still failing: {outcome.Description}";
        await store.RecordReplayAsync(id, outcome.Accepted, text, ct);
        return new ReplayResult(outcome.Accepted, text);
    }
}
