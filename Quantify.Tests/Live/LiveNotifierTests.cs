using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Metering;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Features.Live;
using Quantify.Web.Security;

namespace Quantify.Tests.Live;

/// <summary>Live updates reach only viewers whose scope covers them, coalesced, and stop after unsubscribe.</summary>
public class LiveNotifierTests : IAsyncLifetime
{
    private TestDatabase db = null!;
    private LiveNotifier notifier = null!;

    public async Task InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        notifier = new LiveNotifier(db.Factory, new NullHubContext(), NullLogger<LiveNotifier>.Instance);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    private static UserScope Tenant(int unitId, int estateId) => new("u", new HashSet<string> { Quantify.Web.Identity.Roles.Tenant }, new Dictionary<string, IReadOnlySet<int>>(),
        new HashSet<int> { unitId }, new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int> { [unitId] = estateId });

    private static Quantify.Web.Features.Ingestion.BatchCommitted Batch(params (int Meter, int Estate, int? Unit)[] meters) =>
        new(meters.Select(m => (new Quantify.Web.Features.Ingestion.MeterInfo(m.Meter, m.Estate, m.Unit, MeterType.Electricity, true),
            new MeterReading(m.Meter, DateTimeOffset.UtcNow, 1m, "k" + m.Meter, "test", DateTimeOffset.UtcNow))).ToList());

    [Fact]
    public async Task ATenant_HearsOfTheirUnitOnly_ABurstCoalescedIntoAtMostTwoCallbacks()
    {
        var received = new List<LiveChange>();
        using var sub = notifier.Subscribe(Tenant(unitId: 10, estateId: 1), c => { lock (received) received.Add(c); return Task.CompletedTask; });

        // A burst of 20 batches: the first goes out at once (leading edge), the rest wait for the window and go out together.
        await notifier.OnCommittedAsync(Batch((1, 1, 10), (2, 1, 11)), default);
        for (var i = 0; i < 19; i++) await notifier.OnCommittedAsync(Batch((1, 1, 10)), default);
        await notifier.OnCommittedAsync(Batch((3, 2, 20)), default);
        await Task.Delay(LiveNotifier.CoalesceWindow * 4);

        Assert.InRange(received.Count, 1, 2);
        Assert.All(received, c => Assert.Equal([10], c.UnitIds));
        Assert.All(received.SelectMany(c => c.Readings), r => Assert.Equal(10, r.UnitId));
        Assert.Equal(20, received.Sum(c => c.Readings.Count));
    }

    [Fact]
    public async Task AfterUnsubscribe_NothingArrives()
    {
        var count = 0;
        var sub = notifier.Subscribe(Tenant(10, 1), _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
        sub.Dispose();
        await notifier.OnCommittedAsync(Batch((1, 1, 10)), default);
        await Task.Delay(LiveNotifier.CoalesceWindow * 3);
        Assert.Equal(0, count);
        Assert.Equal(0, notifier.Subscribers);
    }

    private sealed class NullHubContext : IHubContext<LiveHub>
    {
        public IHubClients Clients { get; } = new NullClients();
        public IGroupManager Groups => throw new NotSupportedException();

        private sealed class NullClients : IHubClients
        {
            private static readonly IClientProxy Proxy = new NullProxy();
            public IClientProxy All => Proxy;
            public IClientProxy AllExcept(IReadOnlyList<string> excludedConnectionIds) => Proxy;
            public IClientProxy Client(string connectionId) => Proxy;
            public IClientProxy Clients(IReadOnlyList<string> connectionIds) => Proxy;
            public IClientProxy Group(string groupName) => Proxy;
            public IClientProxy GroupExcept(string groupName, IReadOnlyList<string> excludedConnectionIds) => Proxy;
            public IClientProxy Groups(IReadOnlyList<string> groupNames) => Proxy;
            public IClientProxy User(string userId) => Proxy;
            public IClientProxy Users(IReadOnlyList<string> userIds) => Proxy;
        }

        private sealed class NullProxy : IClientProxy
        {
            public Task SendCoreAsync(string method, object?[] args, CancellationToken cancellationToken = default) => Task.CompletedTask;
        }
    }
}
