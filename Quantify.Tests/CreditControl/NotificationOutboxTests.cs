using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Support;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Identity;

namespace Quantify.Tests.CreditControl;

/// <summary>Notices reach the channels each resident chose: a real .eml in the pickup folder (MailKit), once.</summary>
public class NotificationOutboxTests : IAsyncLifetime
{
    private TestDatabase db = null!;
    private string pickup = "";

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        pickup = Path.Combine(Path.GetTempPath(), "quantify-mail-" + Guid.NewGuid().ToString("N"));
    }

    public async Task DisposeAsync()
    {
        await db.DisposeAsync();
        if (Directory.Exists(pickup)) Directory.Delete(pickup, recursive: true);
    }

    private async Task<string> UserAsync(string email, bool byEmail, bool byPush = false)
    {
        await using var c = db.Create();
        var u = new ApplicationUser { UserName = email, Email = email, DisplayName = email, NotifyByEmail = byEmail, NotifyByPush = byPush };
        c.Users.Add(u);
        c.Notifications.Add(new Notification(u.Id, NotificationKind.LowBalance, NotificationChannel.InApp, "Electricity credit low", "Your balance is R 30,00.", db.Clock.GetUtcNow(), null));
        await c.SaveChangesAsync();
        return u.Id;
    }

    [Fact]
    public async Task AnEmailIsWrittenForResidentsWhoChoseEmail_OnlyOnce_AndEveryNoticeIsMarkedDelivered()
    {
        await UserAsync("yes@example.co.za", byEmail: true);
        await UserAsync("no@example.co.za", byEmail: false);
        var outbox = new NotificationOutbox(db.Factory, new MailKitEmailSender(new NotificationOptions(), pickup), new LoggingSmsSender(NullLogger<LoggingSmsSender>.Instance),
            new LoggingPushSender(NullLogger<LoggingPushSender>.Instance), db.Clock, NullLogger<NotificationOutbox>.Instance);

        Assert.Equal(2, await outbox.DeliverPendingAsync(default));
        Assert.Equal(0, await outbox.DeliverPendingAsync(default));

        var mail = Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        var message = await MimeKit.MimeMessage.LoadAsync(mail);
        Assert.Equal("Electricity credit low", message.Subject);
        Assert.Equal("yes@example.co.za", message.To.Mailboxes.Single().Address);
        Assert.Contains("R 30,00", message.TextBody);
        await using var c = db.Create();
        Assert.Equal(0, await c.Notifications.CountAsync(n => n.DeliveredAt == null));
    }

    private sealed class RecordingPush : IPushSender
    {
        public List<(string UserId, string Title, string Body)> Sent { get; } = [];

        public Task SendAsync(string userId, string title, string body, CancellationToken ct)
        {
            Sent.Add((userId, title, body));
            return Task.CompletedTask;
        }
    }

    private sealed class RecordingSms : ISmsSender
    {
        public int Count { get; private set; }

        public Task SendAsync(string phone, string text, CancellationToken ct)
        {
            Count++;
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task APushIsSentOnlyToResidentsWhoOptedIntoWebPush_Once()
    {
        var yes = await UserAsync("push@example.co.za", byEmail: false, byPush: true);
        await UserAsync("nopush@example.co.za", byEmail: false, byPush: false);
        var push = new RecordingPush();
        var sms = new RecordingSms();
        var outbox = new NotificationOutbox(db.Factory, new MailKitEmailSender(new NotificationOptions(), pickup), sms, push, db.Clock, NullLogger<NotificationOutbox>.Instance);

        Assert.Equal(2, await outbox.DeliverPendingAsync(default));
        Assert.Equal(0, await outbox.DeliverPendingAsync(default));

        var sent = Assert.Single(push.Sent);
        Assert.Equal(yes, sent.UserId);
        Assert.Equal("Electricity credit low", sent.Title);
        Assert.Contains("R 30,00", sent.Body, StringComparison.Ordinal);
        Assert.Equal(0, sms.Count);
        Assert.False(Directory.Exists(pickup) && Directory.GetFiles(pickup).Length > 0);
    }

    [Fact]
    public async Task AFailingPushIsRetriedOnTheNextPass_TheNoticeStaysUndelivered()
    {
        await UserAsync("push@example.co.za", byEmail: false, byPush: true);
        var outbox = new NotificationOutbox(db.Factory, new MailKitEmailSender(new NotificationOptions(), pickup), new RecordingSms(), new FailingPush(),
            db.Clock, NullLogger<NotificationOutbox>.Instance);

        Assert.Equal(0, await outbox.DeliverPendingAsync(default));
        await using var c = db.Create();
        Assert.Equal(1, await c.Notifications.CountAsync(n => n.DeliveredAt == null));
    }

    private sealed class FailingPush : IPushSender
    {
        public Task SendAsync(string userId, string title, string body, CancellationToken ct) => throw new HttpRequestException("push service unavailable");
    }
}
