using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Metering;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Live;

/// <summary>A reading as pushed live (the hub's <c>reading</c> message).</summary>
public sealed record LiveReading(int MeterId, int EstateId, int? UnitId, MeterType Type, decimal Register, decimal? Consumption, decimal? Amount, DateTimeOffset ReadAt);

/// <summary>What changed: readings, and the units (with their estates) and estates whose figures (balances, consumption) moved.</summary>
public sealed record LiveChange(IReadOnlyList<LiveReading> Readings, IReadOnlyDictionary<int, int> EstateOfUnit, IReadOnlySet<int> EstateIds)
{
    public IEnumerable<int> UnitIds => EstateOfUnit.Keys;

    public static LiveChange Of(IReadOnlyList<LiveReading> readings, IEnumerable<(int UnitId, int EstateId)> units)
    {
        var map = new Dictionary<int, int>();
        foreach (var r in readings) if (r.UnitId is int u) map[u] = r.EstateId;
        foreach (var (u, e) in units) map[u] = e;
        return new LiveChange(readings, map, readings.Select(r => r.EstateId).Concat(map.Values).ToHashSet());
    }
}

/// <summary>
/// The one place live updates come from: told by the ingestion pipeline after each committed batch and by the ledger
/// after each committed wallet posting (top-ups). Circuits subscribe with their user's scope and get only what that
/// scope may see, coalesced to at most one callback per <see cref="CoalesceWindow"/> (the first change after a quiet spell goes out at once); the SignalR hub at
/// <c>/hubs/live</c> forwards the same changes to groups per unit and estate.
/// </summary>
public sealed class LiveNotifier(IDbContextFactory<QuantifyDbContext> factory, IHubContext<LiveHub> hub, ILogger<LiveNotifier> log)
    : IBatchObserver, IWalletPostingListener
{
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(300);
    private readonly ConcurrentDictionary<Guid, Subscription> subscriptions = new();

    /// <summary>Subscribes a viewer; dispose to unsubscribe (components do it on dispose).</summary>
    public IDisposable Subscribe(UserScope scope, Func<LiveChange, Task> onChange)
    {
        var s = new Subscription(this, scope, onChange);
        subscriptions[s.Id] = s;
        return s;
    }

    public int Subscribers => subscriptions.Count;

    public async Task OnCommittedAsync(BatchCommitted batch, CancellationToken ct)
    {
        var readings = batch.Readings.Select(r => new LiveReading(r.Meter.Id, r.Meter.EstateId, r.Meter.UnitId, r.Meter.Type, r.Reading.Register,
            r.Reading.Consumption, r.Reading.Amount, r.Reading.ReadAt)).ToList();
        await PublishAsync(LiveChange.Of(readings, []));
    }

    public void WalletsPosted(IReadOnlyCollection<int> walletIds) => _ = Task.Run(async () =>
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync();
            var units = await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where walletIds.Contains(w.Id) select new { u.Id, u.EstateId }).ToListAsync();
            await PublishAsync(LiveChange.Of([], units.Select(u => (u.Id, u.EstateId))));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogWarning(ex, "Live update for a wallet posting failed"); }
    });

    private async Task PublishAsync(LiveChange change)
    {
        foreach (var s in subscriptions.Values) s.Offer(change);
        try
        {
            foreach (var unitId in change.UnitIds)
                await hub.Clients.Group(LiveHub.UnitGroup(unitId)).SendAsync("changed", new { unitId }, CancellationToken.None);
            foreach (var group in change.Readings.GroupBy(r => r.EstateId))
            {
                await hub.Clients.Group(LiveHub.EstateGroup(group.Key)).SendAsync("readings", group.ToList(), CancellationToken.None);
                foreach (var byUnit in group.Where(r => r.UnitId is not null).GroupBy(r => r.UnitId!.Value))
                    await hub.Clients.Group(LiveHub.UnitGroup(byUnit.Key)).SendAsync("readings", byUnit.ToList(), CancellationToken.None);
            }
            foreach (var estateId in change.EstateIds)
                await hub.Clients.Group(LiveHub.EstateGroup(estateId)).SendAsync("changed", new { estateId }, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogWarning(ex, "Pushing a live update to hub clients failed"); }
    }

    private void Remove(Guid id) => subscriptions.TryRemove(id, out _);

    /// <summary>One viewer: filters by scope, coalesces bursts, never runs its callback twice at once.</summary>
    private sealed class Subscription(LiveNotifier owner, UserScope scope, Func<LiveChange, Task> onChange) : IDisposable
    {
        private readonly object gate = new();
        private LiveChange? pending;
        private bool scheduled;
        private long lastSentAt; // Environment.TickCount64 of the last callback (0: none yet)
        public Guid Id { get; } = Guid.NewGuid();

        public void Offer(LiveChange change)
        {
            var visible = Filter(change);
            if (visible is null) return;
            lock (gate)
            {
                pending = pending is null ? visible : Merge(pending, visible);
                if (scheduled) return;
                scheduled = true;
            }
            _ = Task.Run(async () =>
            {
                // Leading edge: after a quiet spell the change goes out at once; within a window of the last callback it
                // waits for the window to end, and whatever arrives meanwhile goes out with it.
                long sinceLast;
                lock (gate) sinceLast = Environment.TickCount64 - lastSentAt;
                var windowMs = (long)CoalesceWindow.TotalMilliseconds;
                if (sinceLast < windowMs) await Task.Delay(TimeSpan.FromMilliseconds(windowMs - sinceLast));
                LiveChange batch;
                lock (gate) { batch = pending!; pending = null; scheduled = false; lastSentAt = Environment.TickCount64; }
                try { await onChange(batch); }
                catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException) { owner.Remove(Id); }
            });
        }

        private LiveChange? Filter(LiveChange change)
        {
            if (scope.IsAdmin) return change;
            var readings = change.Readings.Where(r => r.UnitId is int u ? scope.CanSeeUnit(u, r.EstateId) : scope.CanSeeEstate(r.EstateId)).ToList();
            var units = change.EstateOfUnit.Where(kv => scope.CanSeeUnit(kv.Key, kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
            var estates = change.EstateIds.Where(scope.CanSeeEstate).ToHashSet();
            return readings.Count == 0 && units.Count == 0 && estates.Count == 0 ? null : new LiveChange(readings, units, estates);
        }

        private static LiveChange Merge(LiveChange a, LiveChange b) =>
            new([.. a.Readings, .. b.Readings], a.EstateOfUnit.Concat(b.EstateOfUnit).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.First().Value),
                a.EstateIds.Union(b.EstateIds).ToHashSet());

        public void Dispose() => owner.Remove(Id);
    }
}
