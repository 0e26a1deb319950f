using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.MasterData;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Webhooks;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// What happens after a batch commits: webhook rows are written in the batch's own transaction (so they exist the moment
/// the readings do, whether or not any observer runs), observers are fed from a channel off the writer, and a batch
/// that breaks a unique index is split until the one message that breaks it is dead-lettered; the rest commit.
/// </summary>
public sealed class AfterCommitTests : IAsyncLifetime
{
    private const string Eui = "70b3d57ed00000bb";
    private MasterDataWorld w = null!;
    private WebhookPublisher publisher = null!;
    private WebhookService service = null!;
    private int estateId, meterId;
    private UserScope admin = null!;

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        estateId = await w.EstateAsync("Outbox Estate");
        var unitId = await w.UnitAsync(estateId, "O1");
        meterId = await w.MeterAsync(estateId, unitId, "SN-OUT-1", MeterType.Electricity, Eui);
        await using (var db = w.Db.Create())
        {
            db.Users.Add(new ApplicationUser { Id = "admin-1", UserName = "admin@test", Email = "admin@test", DisplayName = "Admin", SecurityStamp = "s" });
            await db.SaveChangesAsync();
        }
        admin = new UserScope("admin-1", new HashSet<string> { Roles.Admin }, new Dictionary<string, IReadOnlySet<int>>(), new HashSet<int>(), new HashSet<int>(),
            new HashSet<int>(), new Dictionary<int, int>());
        var options = new WebhookOptions { AllowHttpLoopback = true, AllowPrivateTargets = true };
        var cache = new WebhookSubscriptionCache(w.Db.Factory, w.Db.Clock, options);
        var signal = new WebhookSignal();
        publisher = new WebhookPublisher(w.Db.Factory, cache, signal, w.Db.Clock);
        service = new WebhookService(w.Db.Factory, publisher, cache, signal, options, w.Db.Clock,
            new WebhookSecretProtector(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider()), new WebhookTargetGuard(options));
        Assert.True((await service.CreateAsync(admin, estateId, "https://hooks.example.co.za/readings", [WebhookEvents.MeterReading])).IsSuccess);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private ReadingPipeline Pipeline(IEnumerable<IBatchObserver> observers, CommittedBatches? committed) =>
        new(w.Db.Factory, new TestDecoder(), new MeterDirectory(), [], observers, w.Db.Clock, NullLogger<ReadingPipeline>.Instance, null, committed);

    [Fact]
    public async Task TheMeterReadingWebhookRow_ExistsWhenTheBatchCommits_EvenIfNoObserverEverRuns()
    {
        var counting = new CountingObserver();
        var neverDispatched = new CommittedBatches(); // as if the process died right after the commit
        var pipeline = Pipeline([new MeterReadingWebhooks(publisher), counting], neverDispatched);

        await pipeline.ProcessAsync([Msg(-10, 100m, "a-1"), Msg(-5, 101m, "a-2")], default);

        Assert.Equal(0, counting.Calls);
        await using var db = w.Db.Create();
        var readings = await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId).OrderBy(r => r.ReadAt).ToListAsync();
        var rows = await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
        Assert.Equal(readings.Select(r => $"meter.reading:{r.Id}"), rows.Select(d => d.EventKey));
        Assert.All(rows, d => Assert.Equal(WebhookDeliveryStatus.Pending, d.Status));
        Assert.Equal(101m, JsonDocument.Parse(rows[1].Payload).RootElement.GetProperty("data").GetProperty("register").GetDecimal());
        // The observers' copy of the batch waits in the channel, not on the writer.
        Assert.True(neverDispatched.Reader.TryRead(out var waiting));
        Assert.Equal(2, waiting.Readings.Count);
    }

    [Fact]
    public async Task ABatchThatFailsBeforeItsCommit_LeavesNeitherReadingsNorWebhookRows()
    {
        var pipeline = Pipeline([new MeterReadingWebhooks(publisher), new FailingOutbox()], null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => pipeline.ProcessAsync([Msg(-10, 100m, "f-1")], default));

        await using var db = w.Db.Create();
        Assert.Empty(await db.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId).ToListAsync());
        Assert.Empty(await db.WebhookDeliveries.AsNoTracking().ToListAsync());
    }

    [Fact]
    public async Task TheDispatcher_RunsObserversInCommitOrder_AndAFailingObserverDoesNotStopTheNext()
    {
        var committed = new CommittedBatches();
        var counting = new CountingObserver();
        var pipeline = Pipeline([new ThrowingObserver(), counting], committed);
        using var dispatcher = new CommittedBatchDispatcher(committed, [new ThrowingObserver(), counting], NullLogger<CommittedBatchDispatcher>.Instance);
        await dispatcher.StartAsync(default);

        await pipeline.ProcessAsync([Msg(-10, 100m, "d-1")], default);
        await pipeline.ProcessAsync([Msg(-5, 101m, "d-2")], default);

        for (var i = 0; i < 200 && counting.Calls < 2; i++) await Task.Delay(25);
        await dispatcher.StopAsync(default);
        Assert.Equal(["d-1", "d-2"], counting.Keys);
    }

    [Fact]
    public async Task AUniqueViolationInABatch_DeadLettersTheOneMessage_AndCommitsTheRest()
    {
        await using (var db = w.Db.Create())
        {
            db.TransactionNumberSequences.Add(new TransactionNumberSequence { Year = 1999, Last = 7 });
            await db.SaveChangesAsync();
        }
        var pipeline = Pipeline([new CollidingOutbox("poison")], null);

        await pipeline.ProcessAsync([Msg(-30, 100m, "u-1"), Msg(-25, 101m, "u-2"), Msg(-20, 102m, "poison"), Msg(-15, 103m, "u-4"), Msg(-10, 104m, "u-5")], default);

        await using var check = w.Db.Create();
        var stored = await check.MeterReadings.AsNoTracking().Where(r => r.MeterId == meterId).OrderBy(r => r.ReadAt).Select(r => r.DedupeKey).ToListAsync();
        Assert.Equal(["u-1", "u-2", "u-4", "u-5"], stored);
        var dead = Assert.Single(await check.DeadLetters.AsNoTracking().ToListAsync());
        Assert.Contains("poison", Encoding.UTF8.GetString(dead.Payload), StringComparison.Ordinal);
        Assert.Contains("broke a unique index", dead.Reason, StringComparison.Ordinal);
        Assert.Contains("TransactionNumberSequence(Year=1999)", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(7, (await check.TransactionNumberSequences.SingleAsync(s => s.Year == 1999)).Last);
    }

    [Fact]
    public async Task AUniqueViolationOnASingleReplay_IsReported_NotRetried()
    {
        await using (var db = w.Db.Create())
        {
            db.TransactionNumberSequences.Add(new TransactionNumberSequence { Year = 1999, Last = 7 });
            await db.SaveChangesAsync();
        }
        var outbox = new CollidingOutbox("poison");
        var pipeline = Pipeline([outbox], null);

        var outcome = await pipeline.ProcessOneAsync(Msg(-10, 100m, "poison"), default);

        Assert.False(outcome.Accepted);
        Assert.Contains("broke a unique index", outcome.Description, StringComparison.Ordinal);
        Assert.Equal(1, outbox.Attempts);
        await using var check = w.Db.Create();
        Assert.Empty(await check.DeadLetters.AsNoTracking().ToListAsync()); // a replay keeps its own dead letter; none is added
    }

    private IncomingMessage Msg(int minutes, decimal reg, string id)
    {
        var t = w.Db.Clock.GetUtcNow().AddMinutes(minutes);
        return new(MessageSource.Mqtt, $"test/{Eui}", Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { t, reg, id })), t.AddSeconds(2));
    }

    private sealed class CountingObserver : IBatchObserver
    {
        public int Calls => Keys.Count;
        public List<string> Keys { get; } = [];

        public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
        {
            lock (Keys) Keys.AddRange(batch.Readings.Select(r => r.Reading.DedupeKey));
            return Task.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : IBatchObserver
    {
        public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct) => throw new InvalidOperationException("observer down");
    }

    private sealed class FailingOutbox : IBatchOutbox
    {
        public Task AddInBatchAsync(QuantifyDbContext db, BatchCommitted batch, CancellationToken ct) => throw new InvalidOperationException("outbox down");
        public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct) => Task.CompletedTask;
    }

    /// <summary>Adds a row that breaks a unique key (an existing year's counter) whenever the batch holds the poison reading.</summary>
    private sealed class CollidingOutbox(string poisonKey) : IBatchOutbox
    {
        public int Attempts { get; private set; }

        public Task AddInBatchAsync(QuantifyDbContext db, BatchCommitted batch, CancellationToken ct)
        {
            if (batch.Readings.Any(r => r.Reading.DedupeKey == poisonKey))
            {
                Attempts++;
                db.TransactionNumberSequences.Add(new TransactionNumberSequence { Year = 1999, Last = 0 });
            }
            return Task.CompletedTask;
        }

        public Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct) => Task.CompletedTask;
    }

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
