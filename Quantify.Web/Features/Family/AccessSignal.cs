using System.Collections.Concurrent;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Tells open portal screens that a user's access changed (a grant revoked or changed): <c>ScopedPage</c> subscribes per
/// user, reloads that user's scope and re-renders, so a revoked family member loses the wallet on screen at once.
/// </summary>
public sealed class AccessSignal
{
    private readonly ConcurrentDictionary<Guid, (string UserId, Func<Task> OnChange)> subscribers = new();

    public IDisposable Subscribe(string userId, Func<Task> onChange)
    {
        var id = Guid.NewGuid();
        subscribers[id] = (userId, onChange);
        return new Subscription(() => subscribers.TryRemove(id, out _));
    }

    public void Changed(IEnumerable<string> userIds)
    {
        var users = userIds.ToHashSet(StringComparer.Ordinal);
        foreach (var (_, s) in subscribers.Where(s => users.Contains(s.Value.UserId)))
            _ = Task.Run(async () =>
            {
                try { await s.OnChange(); }
                catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException) { /* the circuit is gone */ }
            });
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
