using System.Text.Json;
using Quantify.Domain.Common;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Onboarding;

public static class OnboardingRegistration
{
    public static IServiceCollection AddOnboarding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Onboarding").Get<OnboardingOptions>() ?? new OnboardingOptions());
        services.AddSingleton<InvitationService>();
        services.AddSingleton<UnitOccupancyQueries>();
        services.AddSingleton<WalletSettlement>();
        services.AddSingleton<TenantMoveLog>();
        services.AddSingleton<TenantLifecycleNotifier>();
        services.AddSingleton<MoveInService>();
        services.AddSingleton<MoveOutService>();
        services.AddSingleton<OnboardingService>();
        services.AddSingleton<PayoutService>();
        return services;
    }

    /// <summary>True if the user may move tenants in and out of units of this estate (admins: every estate; agents: their assigned ones).</summary>
    public static bool CanManage(UserScope scope, int estateId) => scope.Manages(estateId);

    public static IEndpointRouteBuilder MapOnboarding(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/units/{id:int}/onboard-tenant", async (int id, HttpContext ctx, ScopeService scopes, OnboardingService onboarding) =>
        {
            if (await ForbiddenAsync(id, ctx, scopes, onboarding) is { } refused) return refused;
            var (request, bad) = await ReadAsync<OnboardTenantRequest>(ctx);
            if (bad is not null) return bad;
            var result = await onboarding.OnboardTenantAsync(id, request!, $"{ctx.Request.Scheme}://{ctx.Request.Host}", ctx.RequestAborted);
            return result.IsSuccess
                ? Results.Json(result.Value, OnboardingService.Json, statusCode: result.Value.Replayed ? StatusCodes.Status200OK : StatusCodes.Status201Created)
                : Problem(result, "The tenant was not onboarded.");
        }).WithName("OnboardTenant").WithTags("Units").WithSummary("Move a tenant into a unit")
        .WithDescription("Creates or finds the person, the tenancy, the wallet (reset or carried over), the opening readings and a login invitation, in one step. Idempotent on `idempotencyKey`: a repeat answers 200 with the first result. Needs `write:onboarding` (managing agents and admins).")
        .Accepts<OnboardTenantRequest>("application/json").Produces<OnboardTenantResult>(StatusCodes.Status201Created).Produces<OnboardTenantResult>()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.WriteOnboarding, Roles.ManagingAgent, Roles.Admin))
        .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).DisableAntiforgery();

        app.MapPost("/api/v1/units/{id:int}/offboard-tenant", async (int id, HttpContext ctx, ScopeService scopes, OnboardingService onboarding) =>
        {
            if (await ForbiddenAsync(id, ctx, scopes, onboarding) is { } refused) return refused;
            var (request, bad) = await ReadAsync<OffboardTenantRequest>(ctx);
            if (bad is not null) return bad;
            var result = await onboarding.OffboardTenantAsync(id, request!, ctx.RequestAborted);
            return result.IsSuccess ? Results.Json(result.Value, OnboardingService.Json) : Problem(result, "The tenant was not offboarded.");
        }).WithName("OffboardTenant").WithTags("Units").WithSummary("Move a tenant out of a unit")
        .WithDescription("Bills the closing readings, ends the tenancy, settles the wallet to zero (refund payout or arrears) and deactivates the login. Idempotent on `idempotencyKey`. Needs `write:onboarding` (managing agents and admins).")
        .Accepts<OffboardTenantRequest>("application/json").Produces<OffboardTenantResult>()
        .ProducesProblem(StatusCodes.Status409Conflict)
        .RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.WriteOnboarding, Roles.ManagingAgent, Roles.Admin))
        .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult?> ForbiddenAsync(int unitId, HttpContext ctx, ScopeService scopes, OnboardingService onboarding)
    {
        var scope = await scopes.ForAsync(ctx.User, ctx.RequestAborted);
        var estate = await onboarding.EstateOfUnitAsync(unitId, ctx.RequestAborted);
        if (estate is null)
            return scope.IsAdmin ? Results.Problem(detail: $"Unit #{unitId} does not exist.", statusCode: StatusCodes.Status404NotFound)
                : Results.Problem(detail: $"Unit #{unitId} is not in an estate you manage.", statusCode: StatusCodes.Status403Forbidden);
        // A key narrowed to some estates reaches only those, even if its owner manages more.
        return CanManage(scope, estate.Value) && (!ApiKeys.ApiPermissionHandler.IsApiKey(ctx.User) || Api.ApiScope.For(scope, ctx.User).SeesEstateInFull(estate.Value)) ? null
            : Results.Problem(detail: $"Unit #{unitId} is not in an estate you manage.", statusCode: StatusCodes.Status403Forbidden);
    }

    private static async Task<(T? Request, IResult? Bad)> ReadAsync<T>(HttpContext ctx) where T : class
    {
        try
        {
            var request = await JsonSerializer.DeserializeAsync<T>(ctx.Request.Body, OnboardingService.Json, ctx.RequestAborted);
            return request is null ? (null, Results.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The request body is empty: send a JSON object."] })) : (request, null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, Results.ValidationProblem(new Dictionary<string, string[]> { [field] = [$"Not readable as JSON of the expected shape: {ex.Message.Split(" Path:")[0]}"] },
                detail: "The request body could not be read."));
        }
    }

    private static IResult Problem(Result result, string title)
    {
        var conflict = result.Errors.Any(e => e.Code is "overlapping_tenancy" or "no_current_tenant" or "key_reused" or "wallet_not_empty" or "inactive_person" or "archived_unit");
        var errors = result.Errors.GroupBy(e => e.Field ?? "request").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return Results.ValidationProblem(errors, detail: string.Join(" ", result.Errors.Select(e => e.Message)), title: title,
            statusCode: conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["codes"] = result.Errors.Select(e => e.Code).Distinct().ToArray() });
    }
}
