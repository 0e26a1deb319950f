namespace Quantify.Ingestion.Pipeline;

/// <summary>
/// Work on a message that needs nothing but the message itself (decoding), done by <see cref="BatchingSink"/> on the
/// sending transport's thread before the message is queued, so it runs alongside the batch being written instead of
/// inside the single writer's turn. Must not throw: a message that cannot be prepared is returned as it came.
/// </summary>
public interface IMessagePreparer
{
    IncomingMessage Prepare(IncomingMessage message);
}
