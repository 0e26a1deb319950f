namespace Quantify.Web.Features.Webhooks;

/// <summary>The events a subscription can choose (docs/webhooks.md shows each payload).</summary>
public static class WebhookEvents
{
    public const string WalletTopUp = "wallet.topup";
    public const string WalletLowBalance = "wallet.low_balance";
    public const string MeterReading = "meter.reading";
    public const string MeterOffline = "meter.offline";
    public const string TenantOnboarded = "tenant.onboarded";
    public const string TenantOffboarded = "tenant.offboarded";
    /// <summary>Sent only by the "test ping" button, to the one subscription it was pressed for.</summary>
    public const string Ping = "ping";

    public static readonly IReadOnlyList<string> All = [WalletTopUp, WalletLowBalance, MeterReading, MeterOffline, TenantOnboarded, TenantOffboarded];
}

public enum WebhookSubscriptionStatus { Active, Paused, Deleted }

/// <summary>
/// An estate's subscription: a target URL, the events it wants and the secret its payloads are signed with. "Deleting"
/// deactivates it (status Deleted): its delivery log stays.
/// </summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }
    public int EstateId { get; set; }
    public string TargetUrl { get; set; } = "";
    /// <summary>Comma-separated event types, e.g. "wallet.topup,meter.offline".</summary>
    public string EventTypes { get; set; } = "";
    /// <summary>
    /// The HMAC-SHA256 signing key, encrypted with Data Protection (<see cref="WebhookSecretProtector"/>): the server must
    /// sign with it, so it is encrypted rather than hashed. Shown once at creation, never again (the page shows its first
    /// characters only). See docs/webhooks.md.
    /// </summary>
    public string Secret { get; set; } = "";
    public WebhookSubscriptionStatus Status { get; set; } = WebhookSubscriptionStatus.Active;
    public string? Description { get; set; }
    public string CreatedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    public string? DeactivatedById { get; set; }

    public IReadOnlyList<string> Events => EventTypes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool Wants(string eventType) => Status == WebhookSubscriptionStatus.Active && Events.Contains(eventType);
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// The outbox: one row per event per subscription. The worker POSTs due rows, retries with back-off and gives up
/// (Failed) after the configured number of attempts. <see cref="EventKey"/> names the cause (a ledger transaction, a
/// reading) so the same cause never produces two deliveries to one subscription.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }
    /// <summary>The event; the same for every subscription the event went to (the payload's "id").</summary>
    public Guid EventId { get; set; }
    public int SubscriptionId { get; set; }
    public int EstateId { get; set; }
    public string EventType { get; set; } = "";
    public string EventKey { get; set; } = "";
    /// <summary>The exact JSON body POSTed (the signature covers "{timestamp}.{body}").</summary>
    public string Payload { get; set; } = "";
    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}

/// <summary>One POST of a delivery: when, what came back. The delivery log shows these; tests read the back-off from them.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset AttemptedAt { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}

/// <summary>Configuration section "Webhooks".</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Allow plain http:// targets on loopback (localhost, 127.0.0.0/8, ::1). Everything else must be https://.
    /// Defaults to true in Development and Testing, false elsewhere; set explicitly to override.
    /// </summary>
    public bool? AllowHttpLoopback { get; set; }
    /// <summary>Per-request timeout.</summary>
    public int TimeoutSeconds { get; set; } = 10;
    /// <summary>Attempts before a delivery is marked Failed.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>Wait after attempt 1, 2, 3… (seconds); the last value repeats.</summary>
    public int[] RetryDelaysSeconds { get; set; } = [30, 120, 600, 3600, 21600, 43200, 86400];
    /// <summary>How often the worker looks for due deliveries when nothing wakes it.</summary>
    public int PollSeconds { get; set; } = 5;
    /// <summary>How long the subscription list is cached for the hot paths (ingestion) on other instances.</summary>
    public int CacheSeconds { get; set; } = 30;
    /// <summary>False: no worker on this instance (deliveries still queue; another instance sends them).</summary>
    public bool WorkerEnabled { get; set; } = true;
    /// <summary>
    /// Allow targets that are or resolve to internal addresses (private, loopback, link-local, unspecified, multicast).
    /// Off by default everywhere; tests with a receiver on loopback turn it on. See <see cref="WebhookTargetGuard"/>.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }
    /// <summary>Internal networks webhooks may still reach, in CIDR notation (e.g. "10.20.0.0/16" for an on-premises ERP).</summary>
    public string[] AllowedTargetNetworks { get; set; } = [];
    /// <summary>Delivered and failed deliveries (and their attempts) older than this many days are deleted by the worker.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary><see cref="AllowedTargetNetworks"/> parsed; a bad entry is refused at start-up naming the setting.</summary>
    public IReadOnlyList<System.Net.IPNetwork> ParsedAllowedNetworks() => AllowedTargetNetworks.Select((n, i) =>
        System.Net.IPNetwork.TryParse(n?.Trim(), out var net) ? net
            : throw new InvalidOperationException($"Webhooks:AllowedTargetNetworks:{i} ('{n}') is not a network in CIDR notation, e.g. 10.20.0.0/16.")).ToList();

    /// <summary>Checks the settings at start-up; the message names the setting.</summary>
    public void Validate()
    {
        if (RetentionDays < 1) throw new InvalidOperationException($"Webhooks:RetentionDays must be at least 1 (is {RetentionDays}).");
        if (MaxAttempts < 1) throw new InvalidOperationException($"Webhooks:MaxAttempts must be at least 1 (is {MaxAttempts}).");
        if (TimeoutSeconds < 1) throw new InvalidOperationException($"Webhooks:TimeoutSeconds must be at least 1 (is {TimeoutSeconds}).");
        _ = ParsedAllowedNetworks();
    }

    public TimeSpan RetryDelay(int attemptsMade)
    {
        var delays = RetryDelaysSeconds.Length == 0 ? [60] : RetryDelaysSeconds;
        return TimeSpan.FromSeconds(delays[Math.Clamp(attemptsMade - 1, 0, delays.Length - 1)]);
    }
}
