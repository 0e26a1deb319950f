namespace Quantify.Web.Features.Onboarding;

/// <summary>Tells every <see cref="ITenantLifecycleListener"/> about a committed move; a failing listener is logged and never undoes the move.</summary>
public sealed class TenantLifecycleNotifier(IEnumerable<ITenantLifecycleListener> listeners, ILogger<TenantLifecycleNotifier> log)
{
    public async Task NotifyAsync(Func<ITenantLifecycleListener, Task> call)
    {
        foreach (var listener in listeners)
        {
            try { await call(listener); }
            catch (Exception ex) when (ex is not OutOfMemoryException) { log.LogError(ex, "Tenant lifecycle listener {Listener} failed", listener.GetType().Name); }
        }
    }
}
