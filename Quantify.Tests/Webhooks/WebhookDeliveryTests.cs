using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Webhooks;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Webhooks;

/// <summary>
/// Webhooks end to end on real SQLite and a real HTTP receiver on loopback: events from the ledger, the ingestion
/// pipeline and the meter-comms check are queued, signed, POSTed, retried with back-off and given up on.
/// The clock is a manual one: the worker's step (<see cref="WebhookDispatcher.DeliverDueAsync"/>) is run at chosen times.
/// </summary>
public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed00000aa";
    private MasterDataWorld w = null!;
    private PlainHttpClientFactory http = null!;
    private WebhookOptions options = null!;
    private WebhookSecretProtector secrets = null!;
    private WebhookPublisher publisher = null!;
    private WebhookService service = null!;
    private WebhookDispatcher dispatcher = null!;
    private WalletTopUpWebhooks topUps = null!;
    private LedgerService ledger = null!;
    private int estateId, otherEstateId, unitId, meterId;
    private UserScope admin = null!;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Hook Estate");
        otherEstateId = await w.EstateAsync("Quiet Estate");
        unitId = await w.UnitAsync(estateId, "H1");
        meterId = await w.MeterAsync(estateId, unitId, "SN-HOOK-1", MeterType.Electricity, Eui);
        await using (var db = w.Db.Create())
        {
            db.Users.Add(new ApplicationUser { Id = "admin-1", UserName = "admin@test", Email = "admin@test", DisplayName = "Admin", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        admin = new UserScope("admin-1", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>(),
            new HashSet<int>(), new Dictionary<int, int>());
        http = new PlainHttpClientFactory();
        // The receiver listens on loopback: an internal address, allowed here on purpose (production refuses it).
        options = new WebhookOptions { AllowHttpLoopback = true, AllowPrivateTargets = true, TimeoutSeconds = 5, MaxAttempts = 5 };
        secrets = new WebhookSecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        var cache = new WebhookSubscriptionCache(w.Db.Factory, w.Db.Clock, options);
        var signal = new WebhookSignal();
        publisher = new WebhookPublisher(w.Db.Factory, cache, signal, w.Db.Clock);
        service = new WebhookService(w.Db.Factory, publisher, cache, signal, options, w.Db.Clock, secrets, new WebhookTargetGuard(options));
        dispatcher = new WebhookDispatcher(w.Db.Factory, http, signal, options, w.Db.Clock, NullLogger<WebhookDispatcher>.Instance, secrets);
        topUps = new WalletTopUpWebhooks(w.Db.Factory, publisher, w.Db.Clock, NullLogger<WalletTopUpWebhooks>.Instance);
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks(), [topUps]);
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await w.DisposeAsync();
    }

    private async Task<CreatedSubscription> SubscribeAsync(string url, params string[] events) =>
        (await service.CreateAsync(admin, estateId, url, events)).Value;

    private async Task<PostingResult> TopUpAsync(decimal amount, string key)
    {
        var walletId = await ledger.EnsureWalletAsync(unitId);
        var posted = await ledger.PostAsync(new PostingRequest(key, TransactionType.TopUp, w.Today, "Manual top-up",
            [new PostingLine(AccountCode.Wallet(walletId, Pocket.Electricity), amount), new PostingLine(AccountCode.Bank, -amount)]));
        Assert.True(posted.IsSuccess, posted.Describe());
        return posted.Value;
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync()
    {
        await using var db = w.Db.Create();
        return await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>The ledger tells its listeners after commit on a background task: wait (bounded) for the outbox row.</summary>
    private async Task<WebhookDelivery> QueuedAsync(string eventType)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await DeliveriesAsync()).FirstOrDefault(d => d.EventType == eventType) is { } d) return d;
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No {eventType} delivery was queued.");
    }

    [Fact]
    public async Task ATopUpPosting_ReachesTheReceiver_SignedWithTheSubscriptionSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var sub = await SubscribeAsync(receiver.Url, WebhookEvents.WalletTopUp);
        var posted = await TopUpAsync(150m, "manual:topup-1");

        var queued = await QueuedAsync(WebhookEvents.WalletTopUp);
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));

        var got = Assert.Single(receiver.Requests);
        Assert.Equal("wallet.topup", got.Headers["X-Quantify-Event"]);
        Assert.Equal(queued.Id.ToString(CultureInfo.InvariantCulture), got.Headers["X-Quantify-Delivery"]);
        var timestamp = long.Parse(got.Headers["X-Quantify-Timestamp"], CultureInfo.InvariantCulture);
        Assert.Equal(w.Db.Clock.GetUtcNow().ToUnixTimeSeconds(), timestamp);
        // The receiver's check, done independently of the product's signer.
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(sub.Secret),
            Encoding.UTF8.GetBytes($"{timestamp}.{got.Body}")));
        Assert.Equal(expected, got.Headers["X-Quantify-Signature"]);
        Assert.NotEqual(expected, WebhookSignature.Sign("some other secret", timestamp, got.Body));

        using var json = JsonDocument.Parse(got.Body);
        var root = json.RootElement;
        Assert.Equal("wallet.topup", root.GetProperty("type").GetString());
        Assert.Equal(estateId, root.GetProperty("estateId").GetInt32());
        var data = root.GetProperty("data");
        Assert.Equal(posted.TransactionId, data.GetProperty("transactionId").GetInt64());
        Assert.Equal(150m, data.GetProperty("amount").GetDecimal());
        Assert.Equal("H1", data.GetProperty("unitNumber").GetString());
        Assert.Equal("manual", data.GetProperty("source").GetString());
        Assert.Equal("electricity", data.GetProperty("pockets")[0].GetProperty("pocket").GetString());

        var delivered = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Delivered, delivered.Status);
        Assert.Equal(200, delivered.LastStatusCode);
        // The listener being told again (a replay) queues nothing new.
        Assert.Equal(0, await topUps.PublishAsync([await ledger.EnsureWalletAsync(unitId)], default));
        Assert.Single(await DeliveriesAsync());
    }

    [Fact]
    public async Task AReceiverFailingTwice_GetsTheEventOnTheThirdAttempt_AfterTheBackOffDelays()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 200);
        var sub = await SubscribeAsync(receiver.Url, WebhookEvents.TenantOnboarded);
        var t0 = w.Db.Clock.GetUtcNow();
        Assert.Equal(1, await publisher.PublishAsync(estateId, WebhookEvents.TenantOnboarded, new { unitId, personId = 7 }, default));

        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default)); // not due again until the back-off has passed
        w.Db.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        w.Db.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        var afterTwo = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Pending, afterTwo.Status);
        Assert.Equal(500, afterTwo.LastStatusCode);
        Assert.Equal(t0.AddSeconds(30 + 120), afterTwo.NextAttemptAt);
        w.Db.Clock.Advance(TimeSpan.FromSeconds(120));
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));

        var d = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Delivered, d.Status);
        Assert.Equal(3, d.Attempts);
        Assert.Equal(200, d.LastStatusCode);
        Assert.Equal(3, receiver.Requests.Count);
        var attempts = await service.AttemptsAsync(admin, d.Id);
        Assert.Equal([t0, t0.AddSeconds(30), t0.AddSeconds(150)], attempts.Select(a => a.AttemptedAt).ToArray());
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode ?? 0).ToArray());
        // Every attempt carries the same delivery id and a body that verifies with the secret.
        Assert.All(receiver.Requests, r => Assert.True(WebhookSignature.Verify(sub.Secret, long.Parse(r.Headers["X-Quantify-Timestamp"], CultureInfo.InvariantCulture), r.Body,
            r.Headers["X-Quantify-Signature"])));
        Assert.Single(receiver.Requests.Select(r => r.Headers["X-Quantify-Delivery"]).Distinct());
    }

    [Fact]
    public async Task ATenantMove_QueuesTenantEvents_WithTheUnitNumber_OncePerTenancy()
    {
        await SubscribeAsync("https://hooks.example.co.za/q", WebhookEvents.TenantOnboarded, WebhookEvents.TenantOffboarded);
        Quantify.Web.Features.Onboarding.ITenantLifecycleListener listener = new TenantLifecycleWebhooks(w.Db.Factory, publisher);
        var moveIn = new Quantify.Web.Features.Onboarding.TenantLifecycleEvent(estateId, unitId, 31, 77, new DateOnly(2026, 12, 1));

        await listener.OnboardedAsync(moveIn, default);
        await listener.OnboardedAsync(moveIn, default); // told twice about the same move: still one event
        await listener.OffboardedAsync(moveIn with { Date = new DateOnly(2027, 1, 31) }, default);
        await listener.OnboardedAsync(moveIn with { EstateId = otherEstateId }, default); // nobody listens there

        var deliveries = await DeliveriesAsync();
        Assert.Equal(2, deliveries.Count);
        using var onboarded = JsonDocument.Parse(Assert.Single(deliveries, d => d.EventType == WebhookEvents.TenantOnboarded).Payload);
        var data = onboarded.RootElement.TryGetProperty("data", out var inner) ? inner : onboarded.RootElement;
        Assert.Equal("H1", data.GetProperty("unitNumber").GetString());
        Assert.Equal(77, data.GetProperty("tenancyId").GetInt32());
        Assert.Equal("2026-12-01", data.GetProperty("moveInDate").GetString());
        using var offboarded = JsonDocument.Parse(Assert.Single(deliveries, d => d.EventType == WebhookEvents.TenantOffboarded).Payload);
        var outData = offboarded.RootElement.TryGetProperty("data", out var inner2) ? inner2 : offboarded.RootElement;
        Assert.Equal("2027-01-31", outData.GetProperty("moveOutDate").GetString());
    }

    [Fact]
    public async Task AReceiverThatNeverAnswers_IsMarkedFailed_AfterTheMaximumAttempts()
    {
        options.TimeoutSeconds = 1;
        options.MaxAttempts = 3;
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang = true;
        await SubscribeAsync(receiver.Url, WebhookEvents.TenantOffboarded);
        await publisher.PublishAsync(estateId, WebhookEvents.TenantOffboarded, new { unitId }, default);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
            w.Db.Clock.Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(0, await dispatcher.DeliverDueAsync(default));
        var d = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookDeliveryStatus.Failed, d.Status);
        Assert.Equal(3, d.Attempts);
        Assert.Null(d.NextAttemptAt);
        Assert.Null(d.LastStatusCode);
        Assert.Contains("No answer within 1 s", d.LastError, StringComparison.Ordinal);

        // Redeliver after the receiver is fixed: one more attempt, and it lands.
        receiver.Hang = false;
        options.TimeoutSeconds = 30; // the 1 s above is for the hanging receiver; a loaded machine may need more than 1 s to answer
        Assert.True((await service.RedeliverAsync(admin, d.Id)).IsSuccess);
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        Assert.Equal(WebhookDeliveryStatus.Delivered, Assert.Single(await DeliveriesAsync()).Status);
    }

    [Fact]
    public async Task AReadingThroughThePipeline_IsDeliveredAsMeterReading()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(receiver.Url, WebhookEvents.MeterReading);
        var pipeline = new ReadingPipeline(w.Db.Factory, new TestDecoder(), new MeterDirectory(), [], [new MeterReadingWebhooks(publisher)],
            w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        var at = w.Db.Clock.GetUtcNow().AddMinutes(-5);
        await pipeline.ProcessAsync([Msg(at, 1234.5m, "r-1")], default);

        var queued = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookEvents.MeterReading, queued.EventType);
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        var got = Assert.Single(receiver.Requests);
        Assert.Equal("meter.reading", got.Headers["X-Quantify-Event"]);
        var data = JsonDocument.Parse(got.Body).RootElement.GetProperty("data");
        Assert.Equal(meterId, data.GetProperty("meterId").GetInt32());
        Assert.Equal("SN-HOOK-1", data.GetProperty("serialNumber").GetString());
        Assert.Equal(1234.5m, data.GetProperty("register").GetDecimal());
        Assert.Equal(unitId, data.GetProperty("unitId").GetInt32());
    }

    [Fact]
    public async Task NothingIsQueued_WhenNoSubscriptionWantsTheEvent()
    {
        // A subscription elsewhere (another estate) and one here for another event do not count.
        await service.CreateAsync(admin, otherEstateId, "https://hooks.example.co.za/q", [WebhookEvents.WalletTopUp, WebhookEvents.MeterReading]);
        await SubscribeAsync("https://hooks.example.co.za/here", WebhookEvents.MeterOffline);
        var pipeline = new ReadingPipeline(w.Db.Factory, new TestDecoder(), new MeterDirectory(), [], [new MeterReadingWebhooks(publisher)],
            w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        await pipeline.ProcessAsync([Msg(w.Db.Clock.GetUtcNow().AddMinutes(-5), 10m, "q-1")], default);
        await TopUpAsync(50m, "manual:quiet-1");
        Assert.Equal(0, await topUps.PublishAsync([await ledger.EnsureWalletAsync(unitId)], default));
        Assert.Equal(0, await publisher.PublishAsync(estateId, WebhookEvents.TenantOnboarded, new { unitId }, default));
        Assert.Empty(await DeliveriesAsync());
    }

    [Fact]
    public async Task AMeterThatFallsSilent_IsMarkedOfflineOnce_AndMeterOfflineIsQueuedOnce()
    {
        await SubscribeAsync("https://hooks.example.co.za/offline", WebhookEvents.MeterOffline);
        var pipeline = new ReadingPipeline(w.Db.Factory, new TestDecoder(), new MeterDirectory(), [], [], w.Db.Clock, NullLogger<ReadingPipeline>.Instance);
        await pipeline.ProcessAsync([Msg(w.Db.Clock.GetUtcNow().AddMinutes(-1), 5m, "o-1")], default);
        var comms = new MeterCommsService(w.Db.Factory, publisher, new WebhookSignal(), new Quantify.Web.Jobs.JobsOptions { MeterOfflineAfterMinutes = 60 }, w.Db.Clock);

        Assert.Equal(0, await comms.MarkSilentMetersOfflineAsync());
        w.Db.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.Equal(1, await comms.MarkSilentMetersOfflineAsync());
        w.Db.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await comms.MarkSilentMetersOfflineAsync());

        await using var db = w.Db.Create();
        Assert.Equal(CommsStatus.Offline, (await db.MeterStates.SingleAsync(s => s.MeterId == meterId)).CommsStatus);
        var d = Assert.Single(await DeliveriesAsync());
        Assert.Equal(WebhookEvents.MeterOffline, d.EventType);
        Assert.Equal(meterId, JsonDocument.Parse(d.Payload).RootElement.GetProperty("data").GetProperty("meterId").GetInt32());
    }

    [Fact]
    public async Task APocketBelowItsThreshold_QueuesOneLowBalanceEvent_WithTheCreditControlSave()
    {
        await SubscribeAsync("https://hooks.example.co.za/low", WebhookEvents.WalletLowBalance);
        await TopUpAsync(30m, "manual:low-1"); // below the default low-balance alert of R 50
        var credit = new Quantify.Web.Features.CreditControl.CreditControlService(w.Db.Factory, w.Db.Clock, new Quantify.Web.Features.CreditControl.CommandSignal(),
            NullLogger<Quantify.Web.Features.CreditControl.CreditControlService>.Instance, [new LowBalanceWebhooks(publisher)]);
        await credit.EvaluateAsync([unitId]);
        await credit.EvaluateAsync([unitId]); // still low: the same spell, nothing new
        var d = Assert.Single(await DeliveriesAsync(), x => x.EventType == WebhookEvents.WalletLowBalance);
        var data = JsonDocument.Parse(d.Payload).RootElement.GetProperty("data");
        Assert.Equal("electricity", data.GetProperty("pocket").GetString());
        Assert.Equal(30m, data.GetProperty("balance").GetDecimal());
        Assert.Equal(50m, data.GetProperty("threshold").GetDecimal());
        Assert.Equal("low", data.GetProperty("level").GetString());
    }

    [Fact]
    public async Task TargetUrls_MustBeHttps_ExceptLoopbackWhenAllowed()
    {
        Assert.Null(service.ValidateTarget("https://hooks.example.co.za/q"));
        Assert.Null(service.ValidateTarget("http://127.0.0.1:5000/hook"));
        Assert.Equal("https_required", service.ValidateTarget("http://hooks.example.co.za/q")!.Code);
        Assert.Equal("invalid_url", service.ValidateTarget("hooks.example.co.za")!.Code);
        Assert.Equal("user_info", service.ValidateTarget("https://user:pw@hooks.example.co.za/")!.Code);
        options.AllowHttpLoopback = false;
        Assert.Equal("https_required", service.ValidateTarget("http://localhost:5000/hook")!.Code);
        var bad = await service.CreateAsync(admin, estateId, "https://hooks.example.co.za/q", ["wallet.everything"]);
        Assert.Equal("'wallet.everything' is not an event; choose from wallet.topup, wallet.low_balance, meter.reading, meter.offline, tenant.onboarded, tenant.offboarded.",
            bad.Errors[0].Message);
    }

    private static IncomingMessage Msg(DateTimeOffset t, decimal reg, string id) =>
        new(MessageSource.Mqtt, $"test/{Eui}", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { t, reg, id })), t.AddSeconds(2));

    private sealed class TestDecoder : IMessageDecoder
    {
        public DecodedMessage Decode(IncomingMessage message)
        {
            using var doc = JsonDocument.Parse(message.Payload);
            var root = doc.RootElement;
            return new DecodedMessage([new DecodedReading(DeviceKeyKind.DeviceEui, message.Topic["test/".Length..], root.GetProperty("t").GetDateTimeOffset(),
                root.GetProperty("reg").GetDecimal(), root.GetProperty("id").GetString())], [], null);
        }
    }
}
