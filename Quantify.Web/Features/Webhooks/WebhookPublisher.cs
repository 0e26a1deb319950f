using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Webhooks;

/// <summary>The signature receivers check: hex HMAC-SHA256 of "{timestamp}.{body}" with the subscription's secret.</summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{body}"));
        return Prefix + Convert.ToHexStringLower(mac);
    }

    public static bool Verify(string secret, long timestamp, string body, string header) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Sign(secret, timestamp, body)), Encoding.ASCII.GetBytes(header));

    /// <summary>32 random bytes as hex: the signing secret, shown once.</summary>
    public static string NewSecret() => "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
}

/// <summary>
/// Which estates subscribe to which events, cached so the hot paths (every ingestion batch, every posting) ask the
/// database nothing when nobody subscribes. Invalidated on every subscription change here; other instances see a
/// change within <see cref="WebhookOptions.CacheSeconds"/>.
/// </summary>
public sealed class WebhookSubscriptionCache(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock, WebhookOptions options)
{
    private volatile Snapshot? current;

    private sealed record Snapshot(DateTimeOffset LoadedAt, IReadOnlyDictionary<string, HashSet<int>> EstatesByEvent);

    public void Invalidate() => current = null;

    /// <summary>The estates with an active subscription to the event (empty set: nobody listens).</summary>
    public async ValueTask<IReadOnlySet<int>> EstatesForAsync(string eventType, CancellationToken ct)
    {
        var snap = current;
        if (snap is null || clock.GetUtcNow() - snap.LoadedAt > TimeSpan.FromSeconds(options.CacheSeconds))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var subs = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Status == WebhookSubscriptionStatus.Active)
                .Select(s => new { s.EstateId, s.EventTypes }).ToListAsync(ct);
            var map = new Dictionary<string, HashSet<int>>();
            foreach (var s in subs)
                foreach (var e in s.EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    (map.TryGetValue(e, out var set) ? set : map[e] = []).Add(s.EstateId);
            current = snap = new Snapshot(clock.GetUtcNow(), map);
        }
        return snap.EstatesByEvent.TryGetValue(eventType, out var estates) ? estates : new HashSet<int>();
    }
}

/// <summary>Wakes the delivery worker when something is queued.</summary>
public sealed class WebhookSignal : WakeSignal;

/// <summary>One event to queue: the estate, the type, what caused it (the dedupe key) and the data.</summary>
public sealed record WebhookEvent(int EstateId, string EventType, string EventKey, object Data);

/// <summary>
/// Queues events into the outbox (<see cref="WebhookDelivery"/>), one row per active subscription of the estate that
/// wants the event. <see cref="EnqueueInAsync"/> adds the rows to the caller's unit of work, so they commit (or roll
/// back) with the change that caused them; <see cref="PublishAsync(int,string,object,CancellationToken)"/> is the
/// stand-alone form for callers after their own commit (e.g. tenant onboarding).
/// </summary>
public sealed class WebhookPublisher(IDbContextFactory<QuantifyDbContext> factory, WebhookSubscriptionCache cache, WebhookSignal signal, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Publishes an event (e.g. tenant.onboarded) to the estate's subscribers. Returns how many deliveries were queued.</summary>
    public Task<int> PublishAsync(int estateId, string eventType, object payload, CancellationToken ct) =>
        PublishAsync(new WebhookEvent(estateId, eventType, $"{eventType}:{Guid.NewGuid():N}", payload), ct);

    public async Task<int> PublishAsync(WebhookEvent e, CancellationToken ct) => await PublishAsync([e], ct);

    public async Task<int> PublishAsync(IReadOnlyList<WebhookEvent> events, CancellationToken ct)
    {
        if (!await AnyListenerAsync(events, ct)) return 0;
        await using var db = await factory.CreateDbContextAsync(ct);
        var queued = await EnqueueInAsync(db, events, ct);
        if (queued == 0) return 0;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException ex) when (MasterData.MasterDataErrors.IsUniqueViolation(ex))
        {
            return 0; // Another caller queued the same cause at the same moment: it is delivered once.
        }
        signal.Notify();
        return queued;
    }

    /// <summary>Wakes the delivery worker (after the caller committed rows it queued with <see cref="EnqueueInAsync"/>).</summary>
    public void WakeDelivery() => signal.Notify();

    /// <summary>Whether any estate among the events has a subscriber for its type (no database query when cached).</summary>
    public async ValueTask<bool> AnyListenerAsync(IEnumerable<WebhookEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
            if ((await cache.EstatesForAsync(e.EventType, ct)).Contains(e.EstateId)) return true;
        return false;
    }

    public ValueTask<IReadOnlySet<int>> EstatesListeningAsync(string eventType, CancellationToken ct) => cache.EstatesForAsync(eventType, ct);

    /// <summary>
    /// Adds outbox rows for the events to the caller's context (not saved). Skips events nobody subscribes to and
    /// causes already queued for a subscription. Returns how many rows were added; call <see cref="WebhookSignal.Notify"/>
    /// after commit (or leave it to the next poll).
    /// </summary>
    public async Task<int> EnqueueInAsync(QuantifyDbContext db, IReadOnlyList<WebhookEvent> events, CancellationToken ct)
    {
        var wanted = new List<WebhookEvent>();
        foreach (var e in events)
            if ((await cache.EstatesForAsync(e.EventType, ct)).Contains(e.EstateId)) wanted.Add(e);
        if (wanted.Count == 0) return 0;
        var estateIds = wanted.Select(e => e.EstateId).Distinct().ToList();
        var subs = (await db.WebhookSubscriptions.AsNoTracking()
            .Where(s => estateIds.Contains(s.EstateId) && s.Status == WebhookSubscriptionStatus.Active).ToListAsync(ct));
        var subIds = subs.Select(s => s.Id).ToList();
        var keys = wanted.Select(e => e.EventKey).Distinct().ToList();
        var existing = new HashSet<(int, string)>();
        foreach (var chunk in keys.Chunk(200))
            existing.UnionWith((await db.WebhookDeliveries.AsNoTracking().Where(d => subIds.Contains(d.SubscriptionId) && chunk.Contains(d.EventKey))
                .Select(d => new { d.SubscriptionId, d.EventKey }).ToListAsync(ct)).Select(d => (d.SubscriptionId, d.EventKey)));
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var e in wanted)
        {
            var eventId = Guid.NewGuid();
            string? body = null;
            foreach (var s in subs.Where(s => s.EstateId == e.EstateId && s.Wants(e.EventType)))
            {
                if (!existing.Add((s.Id, e.EventKey))) continue;
                body ??= Envelope(eventId, e.EventType, e.EstateId, now, e.Data);
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    EventId = eventId, SubscriptionId = s.Id, EstateId = e.EstateId, EventType = e.EventType, EventKey = e.EventKey, Payload = body,
                    Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
                });
                added++;
            }
        }
        return added;
    }

    /// <summary>The body every event shares: <c>{ id, type, createdAt, estateId, data }</c>.</summary>
    public static string Envelope(Guid eventId, string type, int estateId, DateTimeOffset at, object data) =>
        JsonSerializer.Serialize(new { id = eventId, type, createdAt = at, estateId, data }, Json);

    /// <summary>Queues a ping to one subscription (the "test ping" button), whatever events it chose.</summary>
    internal async Task<long> PingAsync(QuantifyDbContext db, WebhookSubscription s, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var eventId = Guid.NewGuid();
        var d = new WebhookDelivery
        {
            EventId = eventId, SubscriptionId = s.Id, EstateId = s.EstateId, EventType = WebhookEvents.Ping, EventKey = $"ping:{eventId:N}",
            Payload = Envelope(eventId, WebhookEvents.Ping, s.EstateId, now, new { subscriptionId = s.Id, requestedBy = userId, message = "Test ping from Quantify" }),
            Status = WebhookDeliveryStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        };
        db.WebhookDeliveries.Add(d);
        await db.SaveChangesAsync(ct);
        signal.Notify();
        return d.Id;
    }
}
