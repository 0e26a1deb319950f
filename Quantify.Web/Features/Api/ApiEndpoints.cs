using Microsoft.AspNetCore.Http.HttpResults;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Api;

/// <summary>
/// <c>/api/v1</c> list endpoints: estates, units, persons, meters, wallets, transactions, readings. Each needs a
/// permission (<see cref="ApiPermissions"/>), takes <c>page</c>/<c>pageSize</c>, and answers
/// <c>{ items, page, pageSize, totalCount }</c>; ids outside the caller's scope answer 404 like unknown ids.
/// </summary>
public static class ApiEndpoints
{
    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(ApiRegistration.CallerPolicy).RequireRateLimiting(ApiRegistration.RateLimitPolicy)
            .WithMetadata(new PublicApiMetadata());

        api.MapGet("/estates", async (int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? Ok(await q.EstatesAsync(await ScopeAsync(http, scopes), p, http.RequestAborted)))
            .Permission<PagedList<EstateDto>>(ApiPermissions.ReadEstates, "Estates", "ListEstates", "List estates", "Estates the caller may read, by name.");

        api.MapGet("/estates/{estateId:int}", async (int estateId, HttpContext http, ScopeService scopes, ApiQueries q) =>
            await q.EstateAsync(await ScopeAsync(http, scopes), estateId, http.RequestAborted) is { } e ? (IResult)TypedResults.Ok(e) : NotFound("Estate", estateId))
            .Permission<EstateDto>(ApiPermissions.ReadEstates, "Estates", "GetEstate", "Get an estate", "One estate; 404 when it does not exist or is outside the caller's scope.");

        api.MapGet("/units", async (int? estateId, string? search, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? OkOr(await q.UnitsAsync(await ScopeAsync(http, scopes), estateId, search, p, http.RequestAborted), "Estate", estateId))
            .Permission<PagedList<UnitDto>>(ApiPermissions.ReadUnits, "Units", "ListUnits", "List units", "Units, optionally of one estate; search matches unit number, building and payment reference.");

        api.MapGet("/units/{unitId:int}", async (int unitId, HttpContext http, ScopeService scopes, ApiQueries q) =>
            await q.UnitAsync(await ScopeAsync(http, scopes), unitId, http.RequestAborted) is { } u ? (IResult)TypedResults.Ok(u) : NotFound("Unit", unitId))
            .Permission<UnitDto>(ApiPermissions.ReadUnits, "Units", "GetUnit", "Get a unit", "One unit; 404 when it does not exist or is outside the caller's scope.");

        api.MapGet("/persons", async (int? estateId, string? search, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? OkOr(await q.PersonsAsync(await ScopeAsync(http, scopes), estateId, search, p, http.RequestAborted), "Estate", estateId))
            .Permission<PagedList<PersonDto>>(ApiPermissions.ReadPersons, "Persons", "ListPersons", "List people",
                "Owners, tenants and family members of the caller's units, with their occupancies (ID numbers are never returned). Residents see only themselves.");

        api.MapGet("/meters", async (int? estateId, int? unitId, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? OkOr(await q.MetersAsync(await ScopeAsync(http, scopes), estateId, unitId, p, http.RequestAborted), unitId is null ? "Estate" : "Unit", unitId ?? estateId))
            .Permission<PagedList<MeterDto>>(ApiPermissions.ReadMeters, "Meters", "ListMeters", "List meters", "Meters with their live state (last reading, comms, relay), optionally of one estate or unit.");

        api.MapGet("/wallets", async (int? estateId, int? unitId, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? OkOr(await q.WalletsAsync(await ScopeAsync(http, scopes), estateId, unitId, p, http.RequestAborted), unitId is null ? "Estate" : "Unit", unitId ?? estateId))
            .Permission<PagedList<WalletDto>>(ApiPermissions.ReadWallets, "Wallets", "ListWallets", "List wallets", "Each unit's prepaid wallet with the balance (ZAR) of every pocket.");

        api.MapGet("/transactions", async (int? estateId, int? unitId, int? walletId, DateOnly? from, DateOnly? to, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? (from > to ? BadRequest($"from ({from:yyyy-MM-dd}) is after to ({to:yyyy-MM-dd}).")
                : OkOr(await q.TransactionsAsync(await ScopeAsync(http, scopes), estateId, unitId, walletId, from, to, p, http.RequestAborted),
                    walletId is not null ? "Wallet" : unitId is not null ? "Unit" : "Estate", walletId ?? unitId ?? estateId)))
            .Permission<PagedList<TransactionDto>>(ApiPermissions.ReadTransactions, "Transactions", "ListTransactions", "List wallet transactions",
                "Ledger transactions that touch the caller's wallets, newest first, with the wallet lines (per pocket). from/to are value dates (yyyy-MM-dd), both inclusive.");

        api.MapGet("/readings", async (int? meterId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, HttpContext http, ScopeService scopes, ApiQueries q) =>
            Paged(page, pageSize, out var p) ?? (meterId is not int m ? BadRequest("meterId is required: readings are listed per meter.")
                : from > to ? BadRequest($"from ({from:O}) is after to ({to:O}).")
                : OkOr(await q.ReadingsAsync(await ScopeAsync(http, scopes), m, from, to, p, http.RequestAborted), "Meter", m)))
            .Permission<PagedList<ReadingDto>>(ApiPermissions.ReadReadings, "Readings", "ListReadings", "List a meter's readings",
                "Readings of one meter, newest first. from (inclusive) and to (exclusive) are ISO-8601 times with an offset, e.g. 2026-01-01T00:00:00+02:00.");

        return api;
    }

    /// <summary>The caller's API scope (user scope narrowed by the key's estates).</summary>
    public static async Task<ApiScope> ScopeAsync(HttpContext http, ScopeService scopes) =>
        ApiScope.For(await scopes.ForAsync(http.User, http.RequestAborted), http.User);

    private static RouteHandlerBuilder Permission<TResponse>(this RouteHandlerBuilder builder, string permission, string tag, string name, string summary, string description) =>
        builder.RequireAuthorization(ApiRegistration.PermissionPolicy(permission)).WithMetadata(new ApiPermissionMetadata(permission))
            .WithName(name).WithTags(tag).WithSummary(summary).Produces<TResponse>().WithDescription($"{description} Needs `{permission}`.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static IResult? Paged(int? page, int? pageSize, out Paging paging) => Paging.Validate(page, pageSize, out paging) is { } error ? BadRequest(error) : null;

    private static IResult Ok<T>(PagedList<T> page) => TypedResults.Ok(page);

    private static IResult OkOr<T>(PagedList<T>? page, string what, int? id) => page is null ? NotFound(what, id ?? 0) : TypedResults.Ok(page);

    private static ProblemHttpResult NotFound(string what, int id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"{what} #{id} does not exist or is outside your scope.");

    private static ProblemHttpResult BadRequest(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: detail);
}

/// <summary>Marks an endpoint of the public API (key or cookie, rate limited).</summary>
public sealed class PublicApiMetadata;

/// <summary>The permission an API endpoint needs (shown in the OpenAPI document).</summary>
public sealed record ApiPermissionMetadata(string Permission);
