using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Live;

/// <summary>
/// <c>/hubs/live</c> for non-Blazor clients (a lobby screen, a mobile app). On connect the caller joins one group per
/// unit and estate its scope reaches, and nothing else; admins join the admin group (every estate). Messages
/// (contract in docs/live.md): <c>readings</c> (a list of <see cref="LiveReading"/>) and <c>changed</c>
/// (<c>{unitId}</c> or <c>{estateId}</c>: fetch fresh figures).
/// </summary>
[Authorize]
public sealed class LiveHub(ScopeService scopes, IDbContextFactory<Data.QuantifyDbContext> factory) : Hub
{
    public static string UnitGroup(int unitId) => $"unit:{unitId}";
    public static string EstateGroup(int estateId) => $"estate:{estateId}";

    public override async Task OnConnectedAsync()
    {
        var scope = await scopes.LoadAsync(Context.UserIdentifier ?? "");
        var groups = new List<string>();
        if (scope.IsAdmin)
        {
            await using var db = await factory.CreateDbContextAsync();
            groups.AddRange((await db.Estates.Select(e => e.Id).ToListAsync()).Select(EstateGroup));
        }
        else
        {
            groups.AddRange(scope.TenantUnits.Concat(scope.FamilyUnits).Concat(scope.OwnerUnits).Distinct().Select(UnitGroup));
            groups.AddRange(scope.EstatesByRole.Where(kv => scope.IsInRole(kv.Key)).SelectMany(kv => kv.Value).Distinct().Select(EstateGroup));
        }
        foreach (var g in groups) await Groups.AddToGroupAsync(Context.ConnectionId, g);
        await Clients.Caller.SendAsync("subscribed", groups);
        await base.OnConnectedAsync();
    }
}
