namespace Quantify.Domain.Support;

public enum NotificationChannel { InApp, Email, Sms, Push }
public enum NotificationKind { General, LowBalance, CriticalBalance, Disconnected, Reconnected, TopUp, Arrears, Alert, Invitation }

/// <summary>A message to a user, kept as sent (audit): read, never deleted.</summary>
public sealed class Notification
{
    private Notification() { }

    public Notification(string userId, NotificationKind kind, NotificationChannel channel, string title, string body, DateTimeOffset createdAt, int? unitId = null)
    {
        UserId = userId;
        Kind = kind;
        Channel = channel;
        Title = title;
        Body = body;
        CreatedAt = createdAt;
        UnitId = unitId;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public int? UnitId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public NotificationChannel Channel { get; private set; }
    public string Title { get; private set; } = "";
    public string Body { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset? DeliveredAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;

    public void MarkDelivered(DateTimeOffset at) => DeliveredAt = at;
}
