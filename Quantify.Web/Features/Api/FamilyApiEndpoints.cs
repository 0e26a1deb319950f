using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Features.Family;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Api;

/// <summary>Spend against budgets, and wallet groups (seed 004 §4.3-4.4), under <c>/api/v1</c>.</summary>
public static class FamilyApiEndpoints
{
    public sealed record GroupTopUpRequest(decimal Amount);
    public sealed record GroupTopUpPart(int UnitId, decimal Amount);
    public sealed record GroupTopUpResponse(string Reference, string ProcessUrl, IReadOnlyDictionary<string, string> Fields, IReadOnlyList<GroupTopUpPart> Parts);

    public static IEndpointRouteBuilder MapFamilyApi(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiRegistration.CallerPolicy).RequireRateLimiting(ApiRegistration.RateLimitPolicy)
            .WithMetadata(new PublicApiMetadata());

        api.MapGet("/wallets/{walletId:int}/spending", async (int walletId, HttpContext http, ScopeService scopes, IDbContextFactory<QuantifyDbContext> factory, SpendBudgetService budgets) =>
        {
            var scope = await ApiEndpoints.ScopeAsync(http, scopes);
            await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
            var unit = await (from w in db.Wallets join u in db.Units on w.UnitId equals u.Id where w.Id == walletId select new { u.Id, u.EstateId }).FirstOrDefaultAsync(http.RequestAborted);
            if (unit is null || !scope.SeesUnit(unit.Id, unit.EstateId)) return NotFound("Wallet", walletId);
            return TypedResults.Ok(await budgets.SpendingAsync(unit.Id, http.RequestAborted));
        }).RequireAuthorization(ApiRegistration.PermissionPolicy(ApiPermissions.ReadWallets)).WithMetadata(new ApiPermissionMetadata(ApiPermissions.ReadWallets))
          .WithTags("Wallets").WithName("getWalletSpending").WithSummary("Spend against a wallet's budgets")
          .WithDescription($"Each daily or monthly budget of the wallet with this period's spend, level (Under, Warning at 80 %, Reached) and mode. Needs `{ApiPermissions.ReadWallets}`.")
          .Produces<IReadOnlyList<BudgetSpend>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);

        api.MapGet("/wallet-groups", async (HttpContext http, WalletGroupService groups) =>
            TypedResults.Ok(await groups.GroupsAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, http.RequestAborted)))
          .RequireAuthorization(ApiRegistration.PermissionPolicy(ApiPermissions.ReadWallets)).WithMetadata(new ApiPermissionMetadata(ApiPermissions.ReadWallets))
          .WithTags("Wallet groups").WithName("listWalletGroups").WithSummary("List the caller's wallet groups")
          .WithDescription($"The wallet groups the caller pays for, with each member unit's balances, spend this month and open alerts. Needs `{ApiPermissions.ReadWallets}`.")
          .Produces<IReadOnlyList<GroupView>>().ProducesProblem(401).ProducesProblem(403).ProducesProblem(429);

        api.MapPost("/wallet-groups/{groupId:int}/topup", async (int groupId, GroupTopUpRequest body, HttpContext http, WalletGroupService groups) =>
        {
            var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
            var r = await groups.StartTopUpAsync(http.User.FindFirstValue(ClaimTypes.NameIdentifier)!, groupId, body.Amount, baseUrl, http.RequestAborted);
            if (r.IsFailure)
                return r.Errors[0].Code == "not_found" ? NotFound("Wallet group", groupId)
                    : (IResult)TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Top-up refused", detail: r.Describe(),
                        extensions: new Dictionary<string, object?> { ["field"] = r.Errors[0].Field, ["code"] = r.Errors[0].Code });
            var (checkout, parts) = r.Value;
            return TypedResults.Ok(new GroupTopUpResponse(checkout.Reference, checkout.ProcessUrl, checkout.Fields.ToDictionary(f => f.Key, f => f.Value),
                parts.Select(p => new GroupTopUpPart(p.UnitId, p.Amount)).ToList()));
        }).RequireAuthorization(p => ApiRegistration.CookieOrKey(p, ApiPermissions.WriteTopUps, ApiScope.ApiRoles)).WithMetadata(new ApiPermissionMetadata(ApiPermissions.WriteTopUps))
          .WithTags("Wallet groups").WithName("startWalletGroupTopUp").WithSummary("Start one top-up for a wallet group")
          .WithDescription($"Splits the amount across the group's wallets by its rule (exact to the cent) and starts one PayFast payment; post the returned fields to processUrl. Each part is credited to its wallet when PayFast confirms. Needs `{ApiPermissions.WriteTopUps}`.")
          .Produces<GroupTopUpResponse>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(429);
        return app;
    }

    private static IResult NotFound(string what, int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"{what} #{id} does not exist or is outside your scope.");
}
