using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Quantify.Domain.Support;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Notifications;

/// <summary>Configuration section "Notifications".</summary>
public sealed class NotificationOptions
{
    /// <summary>SMTP server; empty means write each email as an .eml file to <see cref="PickupDirectory"/> (the demo needs no mail server).</summary>
    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    public string From { get; set; } = "Quantify <noreply@quantify.co.za>";
    /// <summary>Where emails are written when no SMTP host is set; empty means "mail-pickup" in the database's data folder.</summary>
    public string? PickupDirectory { get; set; }
}

public interface IEmailSender
{
    Task SendAsync(string to, string subject, string body, CancellationToken ct);
}

public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken ct);
}

/// <summary>
/// Web push to the browsers a user allowed (a provider such as VAPID web push or Firebase plugs in here). Addressed by
/// user id: the sender looks up that user's browser subscriptions.
/// </summary>
public interface IPushSender
{
    Task SendAsync(string userId, string title, string body, CancellationToken ct);
}

/// <summary>MailKit: SMTP when a host is configured, else an .eml file per message in the pickup folder.</summary>
public sealed class MailKitEmailSender(NotificationOptions options, string pickupDirectory) : IEmailSender
{
    public async Task SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body + "\n\n— Quantify prepaid utilities" };
        if (string.IsNullOrWhiteSpace(options.SmtpHost))
        {
            Directory.CreateDirectory(pickupDirectory);
            await message.WriteToAsync(Path.Combine(pickupDirectory, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml"), ct);
            return;
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(options.SmtpHost, options.SmtpPort, MailKit.Security.SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(options.SmtpUser)) await smtp.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", ct);
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
    }
}

/// <summary>Default SMS sender: logs the message (plug in a gateway such as Clickatell behind <see cref="ISmsSender"/>).</summary>
public sealed class LoggingSmsSender(ILogger<LoggingSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phone, string text, CancellationToken ct)
    {
        log.LogInformation("SMS to {Phone}: {Text}", phone, text);
        return Task.CompletedTask;
    }
}

/// <summary>Default push sender: logs the message (plug in a web push provider behind <see cref="IPushSender"/>).</summary>
public sealed class LoggingPushSender(ILogger<LoggingPushSender> log) : IPushSender
{
    public Task SendAsync(string userId, string title, string body, CancellationToken ct)
    {
        log.LogInformation("Push to user {UserId}: {Title}: {Body}", userId, title, body);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Delivers new in-app notifications on the channels each user chose (email, SMS, web push), once: the notification's
/// <see cref="Notification.DeliveredAt"/> marks it done. Runs every few seconds; a failed send is retried next pass.
/// </summary>
public sealed class NotificationOutbox(IDbContextFactory<QuantifyDbContext> factory, IEmailSender email, ISmsSender sms, IPushSender push,
    TimeProvider clock, ILogger<NotificationOutbox> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await DeliverPendingAsync(stoppingToken); }
            catch (Exception ex) when (ex is not OperationCanceledException) { log.LogError(ex, "Notification delivery pass failed"); }
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One pass; returns how many notifications were delivered.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var pending = await db.Notifications.Where(n => n.DeliveredAt == null && n.Channel == NotificationChannel.InApp).OrderBy(n => n.Id).Take(200).ToListAsync(ct);
        if (pending.Count == 0) return 0;
        var userIds = pending.Select(n => n.UserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.PhoneNumber, u.NotifyByEmail, u.NotifyBySms, u.NotifyByPush, u.IsActive }).ToDictionaryAsync(u => u.Id, ct);
        var delivered = 0;
        foreach (var n in pending)
        {
            try
            {
                if (users.TryGetValue(n.UserId, out var u) && u.IsActive)
                {
                    if (u.NotifyByEmail && !string.IsNullOrWhiteSpace(u.Email)) await email.SendAsync(u.Email, n.Title, n.Body, ct);
                    if (u.NotifyBySms && !string.IsNullOrWhiteSpace(u.PhoneNumber)) await sms.SendAsync(u.PhoneNumber, $"{n.Title}: {n.Body}", ct);
                    if (u.NotifyByPush) await push.SendAsync(u.Id, n.Title, n.Body, ct);
                }
                n.MarkDelivered(clock.GetUtcNow());
                delivered++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Notification #{Id} not delivered yet: {Error}", n.Id, ex.Message);
            }
        }
        await db.SaveChangesAsync(ct);
        return delivered;
    }
}

public static class NotificationRegistration
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection("Notifications").Get<NotificationOptions>() ?? new NotificationOptions();
        services.AddSingleton(options);
        services.AddSingleton<IEmailSender>(sp =>
        {
            var data = sp.GetRequiredService<DatabaseOptions>().DataDirectory;
            var dataDir = Path.IsPathRooted(data) ? data : Path.Combine(contentRoot, data);
            var pickup = string.IsNullOrWhiteSpace(options.PickupDirectory) ? Path.Combine(dataDir, "mail-pickup")
                : Path.IsPathRooted(options.PickupDirectory) ? options.PickupDirectory : Path.Combine(contentRoot, options.PickupDirectory);
            return new MailKitEmailSender(options, pickup);
        });
        services.AddSingleton<ISmsSender, LoggingSmsSender>();
        services.AddSingleton<IPushSender, LoggingPushSender>();
        services.AddSingleton<NotificationOutbox>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationOutbox>());
        return services;
    }
}
