namespace Quantify.Web.Data;

public enum DeadLetterStatus { New, Replayed, Discarded }

/// <summary>A message that could not be processed, kept whole (raw bytes, topic, reason) until an admin replays or discards it.</summary>
public sealed class DeadLetter
{
    public long Id { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string Source { get; set; } = "";
    public string Topic { get; set; } = "";
    public byte[] Payload { get; set; } = [];
    public string Reason { get; set; } = "";
    public string? MessageId { get; set; }
    public DeadLetterStatus Status { get; set; } = DeadLetterStatus.New;
    public int ReplayCount { get; set; }
    public DateTimeOffset? LastReplayedAt { get; set; }
    public string? LastReplayResult { get; set; }
}
