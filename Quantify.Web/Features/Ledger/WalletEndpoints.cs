using System.Text;
using Quantify.Domain.Ledger;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Ledger;

/// <summary>The wallet history CSV endpoint (mapped by <see cref="LedgerEndpoints"/>).</summary>
public static class WalletEndpoints
{
    /// <summary>
    /// GET /api/v1/wallet/history.csv: a resident's own unit (portal cookie); or, with <c>unitId</c>, a unit of an estate
    /// the caller manages (admins, managing agents; by cookie or an X-Api-Key granting read:transactions). A key narrowed
    /// to some estates reaches only their units: another estate's unit answers 404, as one that does not exist.
    /// </summary>
    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/wallet/history.csv", async (int? unitId, Pocket? pocket, DateOnly? from, DateOnly? to, HttpContext ctx, ScopeService scopes, WalletQueries wallets) =>
        {
            var ct = ctx.RequestAborted;
            var scope = await scopes.ForAsync(ctx.User, ct);
            var unit = WalletQueries.UnitFor(scope, unitId);
            if (unit is null && unitId is int requested && await wallets.EstateOfUnitAsync(requested, ct) is int estate)
            {
                if (scope.Manages(estate) && (scope.IsAdmin || scope.IsInRole(Roles.ManagingAgent))) unit = requested;
                else if (scope.EstateLimit is not null) return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Unit #{requested} was not found.");
            }
            if (unit is not int found) return Results.Forbid();
            var csv = await wallets.CsvAsync(found, pocket, from, to, ct);
            return Results.File(Encoding.UTF8.GetBytes(csv), "text/csv", $"wallet-{found}.csv");
        }).RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.ReadTransactions,
            Roles.Tenant, Roles.FamilyMember, Roles.Owner, Roles.ManagingAgent, Roles.Admin))
        .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy)
        .WithMetadata(new Api.ApiPermissionMetadata(ApiKeys.ApiPermissions.ReadTransactions))
        .WithName("GetWalletHistoryCsv").WithTags("Wallets").WithSummary("Download a wallet's history (CSV)")
        .Produces<string>(StatusCodes.Status200OK, "text/csv");
        return app;
    }
}
