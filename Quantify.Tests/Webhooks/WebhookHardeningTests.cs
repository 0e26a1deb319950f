using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Tests.MasterData;
using Quantify.Web.Data;
using Quantify.Web.Features.Webhooks;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Webhooks;

/// <summary>
/// Webhook hardening: signing secrets encrypted at rest with a key ring shared through the database, clear-text secrets
/// encrypted at start-up, internal targets refused when subscribing and again when delivering (after DNS resolution,
/// so a name rebound to an internal address is caught), and old delivery rows pruned. No traffic leaves loopback:
/// names are resolved by a stand-in resolver.
/// </summary>
public sealed class WebhookHardeningTests : IAsyncLifetime
{
    private MasterDataWorld w = null!;
    private int estateId;
    private UserScope admin = null!;
    private readonly Dictionary<string, IPAddress[]> dns = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebhookSecretProtector secrets = new(new EphemeralDataProtectionProvider());

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Guarded Estate");
        await using (var db = w.Db.Create())
        {
            db.Users.Add(new ApplicationUser { Id = "admin-1", UserName = "admin@test", Email = "admin@test", DisplayName = "Admin", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        admin = new UserScope("admin-1", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>(),
            new HashSet<int>(), new Dictionary<int, int>());
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private Task<IPAddress[]> Resolve(string host, CancellationToken ct) =>
        Task.FromResult(dns.TryGetValue(host, out var a) ? a : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));

    private (WebhookService Service, WebhookDispatcher Dispatcher, WebhookTargetGuard Guard) Build(WebhookOptions options, IHttpClientFactory? http = null)
    {
        var guard = new WebhookTargetGuard(options, Resolve);
        var cache = new WebhookSubscriptionCache(w.Db.Factory, w.Db.Clock, options);
        var signal = new WebhookSignal();
        var publisher = new WebhookPublisher(w.Db.Factory, cache, signal, w.Db.Clock);
        var service = new WebhookService(w.Db.Factory, publisher, cache, signal, options, w.Db.Clock, secrets, guard);
        var dispatcher = new WebhookDispatcher(w.Db.Factory, http ?? new GuardedClients(guard), signal, options, w.Db.Clock, NullLogger<WebhookDispatcher>.Instance, secrets);
        return (service, dispatcher, guard);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("10.255.255.255")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.20")]
    [InlineData("127.0.0.1")]
    [InlineData("127.45.6.7")]
    [InlineData("169.254.169.254")] // cloud instance metadata
    [InlineData("169.254.1.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:10.0.0.1")]        // IPv4-mapped IPv6 must not slip through
    [InlineData("::ffff:169.254.169.254")]
    public void InternalAddresses_AreRecognised(string address) => Assert.True(WebhookTargetGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.1")]
    [InlineData("192.169.0.1")]
    [InlineData("203.0.113.10")]
    [InlineData("2001:4860:4860::8888")]
    public void PublicAddresses_AreNotInternal(string address) => Assert.False(WebhookTargetGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://metadata.attacker.test/hook")] // a public-looking name that resolves to the metadata address
    [InlineData("https://mixed.attacker.test/hook")]    // one public and one private address: refused
    public async Task Subscribing_ToAnInternalTarget_IsAFieldError(string url)
    {
        dns["metadata.attacker.test"] = [IPAddress.Parse("169.254.169.254")];
        dns["mixed.attacker.test"] = [IPAddress.Parse("203.0.113.10"), IPAddress.Parse("192.168.0.10")];
        var (service, _, _) = Build(new WebhookOptions { AllowHttpLoopback = false });

        var result = await service.CreateAsync(admin, estateId, url, [WebhookEvents.WalletTopUp]);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("internal_address", "TargetUrl"), (error.Code, error.Field));
        Assert.Contains("internal address", error.Message, StringComparison.Ordinal);
        await using var db = w.Db.Create();
        Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());
    }

    [Fact]
    public async Task InternalTargets_AreAllowed_OnlyWhenConfigured()
    {
        dns["erp.internal.test"] = [IPAddress.Parse("10.20.1.5")];
        var (allowList, _, _) = Build(new WebhookOptions { AllowedTargetNetworks = ["10.20.0.0/16"] });
        Assert.True((await allowList.CreateAsync(admin, estateId, "https://erp.internal.test/hook", [WebhookEvents.WalletTopUp])).IsSuccess);
        Assert.Equal("internal_address", (await allowList.CreateAsync(admin, estateId, "https://10.21.0.1/hook", [WebhookEvents.WalletTopUp])).Errors[0].Code);

        var (anyInternal, _, _) = Build(new WebhookOptions { AllowPrivateTargets = true });
        Assert.True((await anyInternal.CreateAsync(admin, estateId, "https://192.168.7.7/hook", [WebhookEvents.WalletTopUp])).IsSuccess);
    }

    [Fact]
    public async Task ANameRebindToLoopbackAfterSubscribing_IsRefusedAtDelivery_AndNothingIsSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        dns["hooks.rebind.test"] = [IPAddress.Parse("203.0.113.10")]; // public when the subscription is made (never connected to)
        var (service, dispatcher, _) = Build(new WebhookOptions { TimeoutSeconds = 5, MaxAttempts = 3 });
        var sub = await service.CreateAsync(admin, estateId, $"https://hooks.rebind.test:{port}/hook", [WebhookEvents.WalletTopUp]);
        Assert.True(sub.IsSuccess, sub.Describe());

        dns["hooks.rebind.test"] = [IPAddress.Loopback]; // then rebound to loopback, where the receiver listens
        var ping = await service.PingAsync(admin, sub.Value.Id);
        Assert.True(ping.IsSuccess, ping.Describe());
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));

        await using var db = w.Db.Create();
        var delivery = await db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == ping.Value);
        Assert.Equal(WebhookDeliveryStatus.Pending, delivery.Status); // retried later, and refused again
        Assert.Contains("internal address", delivery.LastError, StringComparison.Ordinal);
        Assert.Null(delivery.LastStatusCode);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task TheGuardedHandler_DeliversToAnAllowedLoopbackReceiver()
    {
        // The same handler, allowed to reach loopback, does deliver: the refusal above is the guard, not a broken handler.
        await using var receiver = await WebhookReceiver.StartAsync();
        // A generous timeout: under a loaded CI run the answer once took over 5 s and the delivery stayed pending.
        var (service, dispatcher, _) = Build(new WebhookOptions { AllowHttpLoopback = true, AllowPrivateTargets = true, TimeoutSeconds = 60 });
        var sub = await service.CreateAsync(admin, estateId, receiver.Url, [WebhookEvents.WalletTopUp]);
        Assert.True(sub.IsSuccess, sub.Describe());
        var ping = await service.PingAsync(admin, sub.Value.Id);
        Assert.Equal(1, await dispatcher.DeliverDueAsync(default));
        var got = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(sub.Value.Secret, long.Parse(got.Headers["X-Quantify-Timestamp"], System.Globalization.CultureInfo.InvariantCulture), got.Body,
            got.Headers["X-Quantify-Signature"]));
        await using var db = w.Db.Create();
        var delivery = await db.WebhookDeliveries.SingleAsync(d => d.Id == ping.Value);
        Assert.True(delivery.Status == WebhookDeliveryStatus.Delivered, $"{delivery.Status}: {delivery.LastError}");
    }

    [Fact]
    public async Task SigningSecrets_AreStoredEncrypted_NeverInClearText()
    {
        var (service, _, _) = Build(new WebhookOptions { AllowPrivateTargets = true });
        var created = (await service.CreateAsync(admin, estateId, "https://hooks.example.test/q", [WebhookEvents.WalletTopUp])).Value;

        await using var db = w.Db.Create();
        var stored = await db.WebhookSubscriptions.AsNoTracking().Select(s => s.Secret).SingleAsync();
        Assert.StartsWith(WebhookSecretProtector.Prefix, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret["whsec_".Length..], stored, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(created.Secret, secrets.Unprotect(stored));
        var row = Assert.Single(await service.SubscriptionsAsync(admin, estateId));
        Assert.Equal(created.Secret[..10] + "…", row.SecretHint);
    }

    [Fact]
    public async Task TwoInstances_ShareTheKeyRingThroughTheDatabase()
    {
        IDataProtectionProvider Instance()
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddScoped<QuantifyDbContext>(_ => w.Db.Create());
            services.AddDataProtection().SetApplicationName("Quantify").PersistKeysToDbContext<QuantifyDbContext>();
            return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
        }
        var first = new WebhookSecretProtector(Instance());
        var protectedSecret = first.Protect("whsec_shared");
        var second = new WebhookSecretProtector(Instance());

        Assert.Equal("whsec_shared", second.Unprotect(protectedSecret));
        await using var db = w.Db.Create();
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync());
        Assert.Throws<System.Security.Cryptography.CryptographicException>(() => secrets.Unprotect(protectedSecret)); // another key ring cannot read it
    }

    [Fact]
    public async Task ClearTextSecrets_AreEncryptedAtStartUp_AndStillSign()
    {
        await using (var db = w.Db.Create())
        {
            db.WebhookSubscriptions.Add(new WebhookSubscription
            {
                EstateId = estateId, TargetUrl = "https://hooks.example.test/old", EventTypes = WebhookEvents.WalletTopUp, Secret = "whsec_0123456789abcdef",
                CreatedById = "admin-1", CreatedAt = w.Db.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        var migration = new WebhookSecretMigration(w.Db.Factory, secrets, NullLogger<WebhookSecretMigration>.Instance);

        Assert.Equal(1, await migration.EncryptClearTextAsync(default));
        Assert.Equal(0, await migration.EncryptClearTextAsync(default)); // already done: nothing to do

        await using var check = w.Db.Create();
        var stored = await check.WebhookSubscriptions.AsNoTracking().Select(s => s.Secret).SingleAsync();
        Assert.StartsWith(WebhookSecretProtector.Prefix, stored, StringComparison.Ordinal);
        Assert.Equal("whsec_0123456789abcdef", secrets.Unprotect(stored));
    }

    [Fact]
    public async Task DeliveryRows_OlderThanTheRetention_ArePruned_WithTheirAttempts()
    {
        var (service, dispatcher, _) = Build(new WebhookOptions { AllowPrivateTargets = true, RetentionDays = 30 });
        var sub = (await service.CreateAsync(admin, estateId, "https://hooks.example.test/q", [WebhookEvents.WalletTopUp])).Value;
        var now = w.Db.Clock.GetUtcNow();
        WebhookDelivery Row(string key, WebhookDeliveryStatus status, int ageDays) => new()
        {
            EventId = Guid.NewGuid(), SubscriptionId = sub.Id, EstateId = estateId, EventType = WebhookEvents.WalletTopUp, EventKey = key, Payload = "{}",
            Status = status, CreatedAt = now.AddDays(-ageDays), NextAttemptAt = status == WebhookDeliveryStatus.Pending ? now.AddYears(1) : null,
        };
        await using (var db = w.Db.Create())
        {
            db.WebhookDeliveries.AddRange(Row("old-delivered", WebhookDeliveryStatus.Delivered, 31), Row("old-failed", WebhookDeliveryStatus.Failed, 45),
                Row("old-pending", WebhookDeliveryStatus.Pending, 40), Row("recent", WebhookDeliveryStatus.Delivered, 29));
            await db.SaveChangesAsync();
            foreach (var d in await db.WebhookDeliveries.ToListAsync())
                db.WebhookAttempts.Add(new WebhookAttempt { DeliveryId = d.Id, Number = 1, AttemptedAt = d.CreatedAt, StatusCode = 200 });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await dispatcher.PruneAsync(default));

        await using var check = w.Db.Create();
        Assert.Equal(["old-pending", "recent"], await check.WebhookDeliveries.OrderBy(d => d.EventKey).Select(d => d.EventKey).ToListAsync());
        Assert.Equal(2, await check.WebhookAttempts.CountAsync());
    }

    [Theory]
    [InlineData("RetentionDays", "Webhooks:RetentionDays")]
    [InlineData("Network", "Webhooks:AllowedTargetNetworks:0")]
    public void BadSettings_AreRefusedAtStartUp_NamingTheSetting(string which, string setting)
    {
        var options = which == "RetentionDays" ? new WebhookOptions { RetentionDays = 0 } : new WebhookOptions { AllowedTargetNetworks = ["10.0.0.0/33"] };
        Assert.Contains(setting, Assert.Throws<InvalidOperationException>(options.Validate).Message, StringComparison.Ordinal);
    }

    private sealed class GuardedClients(WebhookTargetGuard guard) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(guard.CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
