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

    private async Task<string> UserAsync(string email, bool byEmail)
    {
        await using var c = db.Create();
        var u = new ApplicationUser { UserName = email, Email = email, DisplayName = email, NotifyByEmail = byEmail };
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
            db.Clock, NullLogger<NotificationOutbox>.Instance);

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
}
