using System.Globalization;
using System.Text.RegularExpressions;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Statements;

/// <summary>Who may read a unit's statement: its owners, tenants and family members, the trustees and managing agents of its estate, and admins.</summary>
public static partial class StatementAccess
{
    public static bool CanRead(UserScope scope, int unitId, int estateId) =>
        scope.IsAdmin
        || scope.OwnerUnits.Contains(unitId) || scope.TenantUnits.Contains(unitId) || scope.FamilyUnits.Contains(unitId)
        || scope.EstatesFor(Roles.Trustee) is { } trustee && trustee.Contains(estateId)
        || scope.EstatesFor(Roles.ManagingAgent) is { } agent && agent.Contains(estateId);

    public static string Url(int unitId, int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/v1/units/{unitId}/statements/{year:0000}/{month:00}.pdf");

    public static string FileName(string unitNumber, int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"statement-{Unsafe().Replace(unitNumber, "-")}-{year:0000}-{month:00}.pdf");

    [GeneratedRegex("[^A-Za-z0-9_-]")]
    private static partial Regex Unsafe();
}

public static class StatementsRegistration
{
    public static IServiceCollection AddStatements(this IServiceCollection services)
    {
        services.AddSingleton<StatementService>();
        return services;
    }

    public static IEndpointRouteBuilder MapStatements(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/units/{unitId:int}/statements/{year:int}/{month:int}.pdf",
            async (int unitId, int year, int month, HttpContext http, ScopeService scopes, StatementService statements) =>
            {
                var ct = http.RequestAborted;
                if (await statements.UnitAsync(unitId, ct) is not { } unit) return Results.NotFound();
                var scope = await scopes.ForAsync(http.User, ct);
                if (!StatementAccess.CanRead(scope, unitId, unit.EstateId))
                    // An API key narrowed to other estates is told nothing about this one (404, as a unit that does not exist).
                    return scope.EstateLimit is not null ? Results.NotFound() : Results.Forbid();
                if (month is < 1 or > 12 || year is < 2000 or > 9998 || new DateOnly(year, month, 1) > await statements.CurrentMonthAsync(unit.EstateId, ct))
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No statement for that month",
                        detail: "Ask for a month from January 2000 up to the current month (a statement for the current month is to date).");
                if (await statements.BuildAsync(unitId, year, month, ct) is not { } statement) return Results.NotFound();
                http.Response.Headers.CacheControl = "private, no-store";
                return Results.File(StatementPdf.Render(statement), "application/pdf", StatementAccess.FileName(unit.UnitNumber, year, month));
            })
            // The portal cookie (any role; StatementAccess decides), or an X-Api-Key granting read:transactions, narrowing honoured.
            .RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.ReadTransactions))
            .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy)
            .WithMetadata(new Api.ApiPermissionMetadata(ApiKeys.ApiPermissions.ReadTransactions))
            .WithName("GetUnitStatementPdf").WithTags("Units").WithSummary("Download a unit's monthly statement (PDF)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf");
        return app;
    }
}
