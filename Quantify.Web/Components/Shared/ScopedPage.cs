using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Quantify.Web.Security;

namespace Quantify.Web.Components.Shared;

/// <summary>Base for area pages: resolves the signed-in user's scope once, before the page loads its data.</summary>
public abstract class ScopedPage : ComponentBase
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ScopeService Scopes { get; set; } = default!;

    protected UserScope Scope { get; private set; } = UserScope.Anonymous;
    protected bool Loading { get; private set; } = true;

    protected override async Task OnInitializedAsync()
    {
        Scope = await Scopes.ForAsync((await AuthState).User);
        await LoadAsync();
        Loading = false;
    }

    protected abstract Task LoadAsync();
}
