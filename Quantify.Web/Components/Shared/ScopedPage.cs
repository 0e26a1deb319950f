using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Quantify.Web.Features.Live;
using Quantify.Web.Security;

namespace Quantify.Web.Components.Shared;

/// <summary>
/// Base for area pages: resolves the signed-in user's scope once, before the page loads its data, then keeps the page
/// live: when a reading or posting the user may see commits, the page reloads its data and re-renders (coalesced by
/// <see cref="LiveNotifier"/>; unsubscribed when the page is disposed).
/// </summary>
public abstract class ScopedPage : ComponentBase, IDisposable
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ScopeService Scopes { get; set; } = default!;
    [Inject] private LiveNotifier Live { get; set; } = default!;
    [Inject] private Features.Family.AccessSignal Access { get; set; } = default!;
    private IDisposable? subscription;
    private IDisposable? accessSubscription;
    private System.Security.Claims.ClaimsPrincipal? user;

    protected UserScope Scope { get; private set; } = UserScope.Anonymous;
    protected bool Loading { get; private set; } = true;
    /// <summary>When the page last reloaded because of a live change (shown by pages that want to).</summary>
    protected DateTimeOffset? LiveUpdatedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        Scope = await Scopes.ForAsync(user);
        await LoadAsync();
        Loading = false;
        if (Scope != UserScope.Anonymous && RendererInfo.IsInteractive)
        {
            subscription = Live.Subscribe(Scope, OnLiveChangeAsync);
            accessSubscription = Access.Subscribe(Scope.UserId, OnAccessChangedAsync);
        }
    }

    /// <summary>The user's access changed (a wallet grant revoked or changed): reload the scope, resubscribe, reload the data.</summary>
    private Task OnAccessChangedAsync() => InvokeAsync(async () =>
    {
        Scopes.Invalidate();
        Scope = await Scopes.ForAsync(user!);
        subscription?.Dispose();
        subscription = Live.Subscribe(Scope, OnLiveChangeAsync);
        await LoadAsync();
        LiveUpdatedAt = DateTimeOffset.UtcNow;
        StateHasChanged();
    });

    protected abstract Task LoadAsync();

    private Task OnLiveChangeAsync(LiveChange change) => InvokeAsync(async () =>
    {
        if (!Affects(change)) return;
        await LoadAsync();
        LiveUpdatedAt = DateTimeOffset.UtcNow;
        StateHasChanged();
    });

    /// <summary>Whether a visible change concerns this page; by default any change the user may see does.</summary>
    protected virtual bool Affects(LiveChange change) => true;

    public void Dispose()
    {
        subscription?.Dispose();
        accessSubscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
