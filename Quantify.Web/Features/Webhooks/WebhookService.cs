using System.Net;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Webhooks;

public sealed record WebhookEstate(int Id, string Name);

public sealed record SubscriptionRow(int Id, int EstateId, string TargetUrl, IReadOnlyList<string> Events, WebhookSubscriptionStatus Status, string SecretHint,
    string? Description, DateTimeOffset CreatedAt, string CreatedBy);

/// <summary>A new subscription and its signing secret: the only time the secret is shown.</summary>
public sealed record CreatedSubscription(int Id, string Secret);

public sealed record DeliveryRow(long Id, Guid EventId, int SubscriptionId, string TargetUrl, string EventType, WebhookDeliveryStatus Status, int Attempts,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt);

/// <summary>
/// Subscriptions and the delivery log, always through the user's scope: admins reach every estate, managing agents the
/// estates they are assigned to; anything else is refused ("forbidden") or comes back empty.
/// </summary>
public sealed class WebhookService(IDbContextFactory<QuantifyDbContext> factory, WebhookPublisher publisher, WebhookSubscriptionCache cache, WebhookSignal signal,
    WebhookOptions options, TimeProvider clock, WebhookSecretProtector secrets, WebhookTargetGuard guard)
{
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(5);

    public static readonly Error Forbidden = new("forbidden", "You do not manage this estate.");

    public static bool CanManage(UserScope scope, int estateId) => scope.Manages(estateId);

    public async Task<IReadOnlyList<WebhookEstate>> EstatesAsync(UserScope scope, CancellationToken ct = default)
    {
        var ids = scope.ManagedEstates;
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Estates.AsNoTracking().Where(e => e.IsActive && (ids == null || ids.Contains(e.Id))).OrderBy(e => e.Name)
            .Select(e => new WebhookEstate(e.Id, e.Name)).ToListAsync(ct);
    }

    /// <summary>
    /// The target rule: an absolute https:// URL; plain http:// only to a loopback host and only when
    /// <see cref="WebhookOptions.AllowHttpLoopback"/> is on (Development and tests). No user info in the URL.
    /// </summary>
    public Error? ValidateTarget(string? url)
    {
        const string field = "TargetUrl";
        if (string.IsNullOrWhiteSpace(url)) return new Error("required", "Enter the URL Quantify should POST events to.", field);
        if (url.Length > 2000) return new Error("too_long", "The URL is longer than 2,000 characters.", field);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return new Error("invalid_url", $"'{url}' is not an absolute URL (e.g. https://example.co.za/hooks/quantify).", field);
        if (!string.IsNullOrEmpty(uri.UserInfo)) return new Error("user_info", "Put no user name or password in the URL: the signature authenticates Quantify.", field);
        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme != Uri.UriSchemeHttp) return new Error("scheme", $"Only https:// URLs can receive webhooks, not {uri.Scheme}://.", field);
        if (!IsLoopback(uri)) return new Error("https_required", "Webhook URLs must use https:// (plain http:// is allowed only to localhost in development).", field);
        return options.AllowHttpLoopback == true ? null
            : new Error("https_required", "Webhook URLs must use https:// here (http:// to localhost is allowed only when Webhooks:AllowHttpLoopback is on).", field);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var ip) && IPAddress.IsLoopback(ip));

    /// <summary>
    /// <see cref="ValidateTarget"/>, then the address rule (<see cref="WebhookTargetGuard"/>): a host that is, or resolves
    /// to, an internal address is refused with a field error. A name that does not resolve yet is accepted: every
    /// delivery checks the addresses it connects to.
    /// </summary>
    public async Task<Error?> ValidateTargetAsync(string? url, CancellationToken ct = default)
    {
        if (ValidateTarget(url) is { } bad) return bad;
        var host = new Uri(url!.Trim()).DnsSafeHost;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(ResolveTimeout);
            var (_, refusal) = await guard.ResolveAsync(host, timeout.Token);
            return refusal is null || refusal.EndsWith("does not resolve to any address.", StringComparison.Ordinal) ? null
                : new Error("internal_address", refusal, "TargetUrl");
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null; // not resolvable (yet): the delivery-time check still applies
        }
    }

    public async Task<Result<CreatedSubscription>> CreateAsync(UserScope scope, int estateId, string? targetUrl, IReadOnlyCollection<string> events,
        string? description = null, CancellationToken ct = default)
    {
        if (!CanManage(scope, estateId)) return Result<CreatedSubscription>.Fail(Forbidden);
        if (await ValidateTargetAsync(targetUrl, ct) is { } bad) return Result<CreatedSubscription>.Fail(bad);
        var chosen = events.Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();
        if (chosen.Count == 0) return Result<CreatedSubscription>.Fail(new Error("no_events", "Choose at least one event.", "Events"));
        if (chosen.FirstOrDefault(e => !WebhookEvents.All.Contains(e)) is { } unknown)
            return Result<CreatedSubscription>.Fail(new Error("unknown_event", $"'{unknown}' is not an event; choose from {string.Join(", ", WebhookEvents.All)}.", "Events"));
        if (description?.Length > 200) return Result<CreatedSubscription>.Fail(new Error("too_long", "The description is longer than 200 characters.", "Description"));
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await db.Estates.AnyAsync(e => e.Id == estateId && e.IsActive, ct))
            return Result<CreatedSubscription>.Fail(new Error("unknown_estate", $"Estate #{estateId} does not exist or is archived.", "EstateId"));
        var secret = WebhookSignature.NewSecret();
        var sub = new WebhookSubscription
        {
            EstateId = estateId, TargetUrl = targetUrl!.Trim(), EventTypes = string.Join(',', WebhookEvents.All.Where(chosen.Contains)),
            Secret = secrets.Protect(secret), Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
            CreatedById = scope.UserId, CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookSubscriptions.Add(sub);
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return Result<CreatedSubscription>.Ok(new CreatedSubscription(sub.Id, secret));
    }

    public async Task<IReadOnlyList<SubscriptionRow>> SubscriptionsAsync(UserScope scope, int estateId, CancellationToken ct = default)
    {
        if (!CanManage(scope, estateId)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await (from s in db.WebhookSubscriptions.AsNoTracking()
                          join u in db.Users on s.CreatedById equals u.Id
                          where s.EstateId == estateId && s.Status != WebhookSubscriptionStatus.Deleted
                          orderby s.Id
                          select new { s, u.Email }).ToListAsync(ct);
        return rows.Select(r => new SubscriptionRow(r.s.Id, r.s.EstateId, r.s.TargetUrl, r.s.Events, r.s.Status, WebhookSecretProtector.Hint(secrets.Unprotect(r.s.Secret)), r.s.Description, r.s.CreatedAt, r.Email ?? "")).ToList();
    }

    public Task<Result> PauseAsync(UserScope scope, int id, bool paused, CancellationToken ct = default) =>
        ChangeAsync(scope, id, s =>
        {
            if (s.Status == WebhookSubscriptionStatus.Deleted) return new Error("deleted", "This subscription was deleted.");
            s.Status = paused ? WebhookSubscriptionStatus.Paused : WebhookSubscriptionStatus.Active;
            return null;
        }, ct);

    /// <summary>"Delete": the subscription stops (status Deleted, never removed), its pending deliveries fail, its log stays.</summary>
    public Task<Result> DeactivateAsync(UserScope scope, int id, CancellationToken ct = default) =>
        ChangeAsync(scope, id, s =>
        {
            s.Status = WebhookSubscriptionStatus.Deleted;
            s.DeactivatedAt = clock.GetUtcNow();
            s.DeactivatedById = scope.UserId;
            return null;
        }, ct);

    private async Task<Result> ChangeAsync(UserScope scope, int id, Func<WebhookSubscription, Error?> change, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.WebhookSubscriptions.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !CanManage(scope, s.EstateId)) return Result.Fail(new Error("not_found", $"Subscription #{id} does not exist or is not yours to manage."));
        if (change(s) is { } error) return Result.Fail(error);
        if (s.Status == WebhookSubscriptionStatus.Deleted)
        {
            await db.SaveChangesAsync(ct);
            await db.WebhookDeliveries.Where(d => d.SubscriptionId == id && d.Status == WebhookDeliveryStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(d => d.Status, WebhookDeliveryStatus.Failed).SetProperty(d => d.NextAttemptAt, (DateTimeOffset?)null)
                    .SetProperty(d => d.LastError, "Subscription deleted: not sent."), ct);
        }
        else await db.SaveChangesAsync(ct);
        cache.Invalidate();
        signal.Notify();
        return Result.Ok();
    }

    /// <summary>Queues a ping to the subscription now (sent by the worker like any delivery; it shows in the log).</summary>
    public async Task<Result<long>> PingAsync(UserScope scope, int id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var s = await db.WebhookSubscriptions.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !CanManage(scope, s.EstateId)) return Result<long>.Fail(new Error("not_found", $"Subscription #{id} does not exist or is not yours to manage."));
        if (s.Status != WebhookSubscriptionStatus.Active) return Result<long>.Fail(new Error("not_active", "Resume the subscription before pinging it."));
        return Result<long>.Ok(await publisher.PingAsync(db, s, scope.UserId, ct));
    }

    public async Task<IReadOnlyList<DeliveryRow>> DeliveriesAsync(UserScope scope, int estateId, WebhookDeliveryStatus? status = null, int take = 100,
        CancellationToken ct = default)
    {
        if (!CanManage(scope, estateId)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (from d in db.WebhookDeliveries.AsNoTracking()
                      join s in db.WebhookSubscriptions on d.SubscriptionId equals s.Id
                      where d.EstateId == estateId && (status == null || d.Status == status)
                      orderby d.Id descending
                      select new DeliveryRow(d.Id, d.EventId, d.SubscriptionId, s.TargetUrl, d.EventType, d.Status, d.Attempts, d.LastStatusCode, d.LastError,
                          d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.DeliveredAt)).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<WebhookAttempt>> AttemptsAsync(UserScope scope, long deliveryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var estateId = await db.WebhookDeliveries.Where(d => d.Id == deliveryId).Select(d => (int?)d.EstateId).FirstOrDefaultAsync(ct);
        if (estateId is not int e || !CanManage(scope, e)) return [];
        return await db.WebhookAttempts.AsNoTracking().Where(a => a.DeliveryId == deliveryId).OrderBy(a => a.Number).ToListAsync(ct);
    }

    /// <summary>Queues one more attempt now (after a fix on the receiver's side). A row that fails again keeps its back-off from where it was.</summary>
    public async Task<Result> RedeliverAsync(UserScope scope, long deliveryId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var d = await db.WebhookDeliveries.FirstOrDefaultAsync(x => x.Id == deliveryId, ct);
        if (d is null || !CanManage(scope, d.EstateId)) return Result.Fail(new Error("not_found", $"Delivery #{deliveryId} does not exist or is not yours to see."));
        var sub = await db.WebhookSubscriptions.AsNoTracking().FirstAsync(s => s.Id == d.SubscriptionId, ct);
        if (sub.Status == WebhookSubscriptionStatus.Deleted) return Result.Fail(new Error("deleted", "Its subscription was deleted: nothing to redeliver to."));
        d.Status = WebhookDeliveryStatus.Pending;
        d.NextAttemptAt = clock.GetUtcNow();
        d.DeliveredAt = null;
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return Result.Ok();
    }
}
