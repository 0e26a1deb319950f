using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// Sends due deliveries: POST with the signature headers; 2xx = Delivered; anything else (or a timeout) is retried with
/// back-off (<see cref="WebhookOptions.RetryDelaysSeconds"/>) and Failed after <see cref="WebhookOptions.MaxAttempts"/>.
/// Wakes on <see cref="WebhookSignal"/> or every <see cref="WebhookOptions.PollSeconds"/>. Each row is claimed with a
/// conditional update before it is sent, so two instances never send the same attempt.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<QuantifyDbContext> factory,
    IHttpClientFactory http,
    WebhookSignal signal,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> log,
    WebhookSecretProtector secrets) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    private const int Batch = 50;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private DateTimeOffset lastPruned = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(Math.Max(1, options.PollSeconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                if (clock.GetUtcNow() - lastPruned >= PruneEvery)
                {
                    await PruneAsync(stoppingToken);
                    lastPruned = clock.GetUtcNow();
                }
                await signal.WaitAsync(poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                log.LogError(ex, "Webhook delivery pass failed; retrying");
                await Task.Delay(poll, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Deletes delivered and failed deliveries created more than <see cref="WebhookOptions.RetentionDays"/> ago, with
    /// their attempts (pending rows are kept whatever their age). Returns how many deliveries were deleted.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.RetentionDays);
        await using var db = await factory.CreateDbContextAsync(ct);
        var deleted = 0;
        while (true)
        {
            var ids = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Status != WebhookDeliveryStatus.Pending && d.CreatedAt < cutoff).OrderBy(d => d.Id).Select(d => d.Id).Take(500).ToListAsync(ct);
            if (ids.Count == 0) break;
            await db.WebhookAttempts.Where(a => ids.Contains(a.DeliveryId)).ExecuteDeleteAsync(ct);
            deleted += await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ExecuteDeleteAsync(ct);
        }
        if (deleted > 0) log.LogInformation("Webhooks: deleted {Count} delivery row(s) older than {Days} days", deleted, options.RetentionDays);
        return deleted;
    }

    /// <summary>One pass over the deliveries due now (by the injected clock). Returns how many attempts were made.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var attempts = 0;
        while (true)
        {
            var made = await DeliverBatchAsync(ct);
            attempts += made;
            if (made < Batch) return attempts;
        }
    }

    private async Task<int> DeliverBatchAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        List<(long Id, DateTimeOffset? Due)> due;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            due = (await db.WebhookDeliveries.AsNoTracking()
                    .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt != null && d.NextAttemptAt <= now
                                && db.WebhookSubscriptions.Any(s => s.Id == d.SubscriptionId && s.Status != WebhookSubscriptionStatus.Paused))
                    .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id).Take(Batch).Select(d => new { d.Id, d.NextAttemptAt }).ToListAsync(ct))
                .Select(d => (d.Id, d.NextAttemptAt)).ToList();
        }
        var made = 0;
        foreach (var (id, dueAt) in due)
            if (await AttemptAsync(id, dueAt, ct)) made++;
        return made;
    }

    /// <summary>Claims the delivery (only if still due as seen), POSTs it once and records the outcome.</summary>
    private async Task<bool> AttemptAsync(long id, DateTimeOffset? seenDue, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var lease = now + TimeSpan.FromSeconds(options.TimeoutSeconds * 2 + 30);
        await using var db = await factory.CreateDbContextAsync(ct);
        var claimed = await db.WebhookDeliveries.Where(d => d.Id == id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt == seenDue)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.NextAttemptAt, lease), ct);
        if (claimed == 0) return false;
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == id, ct);
        var sub = await db.WebhookSubscriptions.AsNoTracking().SingleAsync(s => s.Id == delivery.SubscriptionId, ct);
        var number = delivery.Attempts + 1;
        int? status = null;
        string? error = null;
        var watch = Stopwatch.StartNew();
        if (sub.Status == WebhookSubscriptionStatus.Deleted) error = "Subscription deleted: not sent.";
        else
        {
            try
            {
                var timestamp = now.ToUnixTimeSeconds();
                using var request = new HttpRequestMessage(HttpMethod.Post, sub.TargetUrl)
                {
                    Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("X-Quantify-Event", delivery.EventType);
                request.Headers.Add("X-Quantify-Delivery", delivery.Id.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-Quantify-Timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
                request.Headers.Add("X-Quantify-Signature", WebhookSignature.Sign(secrets.Unprotect(sub.Secret), timestamp, delivery.Payload));
                request.Headers.UserAgent.ParseAdd("Quantify-Webhooks/1.0");
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
                using var client = http.CreateClient(HttpClientName);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                status = (int)response.StatusCode;
                if (!response.IsSuccessStatusCode) error = $"HTTP {status} {response.ReasonPhrase}";
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                error = $"No answer within {options.TimeoutSeconds} s.";
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (InvalidOperationException ex)
            {
                error = ex.Message; // e.g. an invalid target URL
            }
        }
        watch.Stop();

        var finished = clock.GetUtcNow();
        delivery.Attempts = number;
        delivery.LastAttemptAt = now;
        delivery.LastStatusCode = status;
        delivery.LastError = error is null ? null : Truncate(error);
        if (error is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            delivery.DeliveredAt = finished;
            delivery.NextAttemptAt = null;
        }
        else if (number >= options.MaxAttempts || sub.Status == WebhookSubscriptionStatus.Deleted)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            delivery.NextAttemptAt = null;
            log.LogWarning("Webhook delivery #{Id} ({Event}) to subscription #{Sub} failed after {Attempts} attempt(s): {Error}", id, delivery.EventType, sub.Id, number, error);
        }
        else delivery.NextAttemptAt = now + options.RetryDelay(number);
        db.WebhookAttempts.Add(new WebhookAttempt
        {
            DeliveryId = id, Number = number, AttemptedAt = now, StatusCode = status, Error = delivery.LastError, DurationMs = (int)Math.Min(int.MaxValue, watch.ElapsedMilliseconds),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return true;
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..1000];
}
