using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using System.Security.Claims;

namespace Quantify.Web.Features.Family;

/// <summary>
/// Download of one's own personal data (<c>/account/my-data.json</c>, <c>.pdf</c>; any signed-in person) and an admin's
/// copy for a request (<c>/api/admin/persons/{id}/personal-data.json|pdf</c>).
/// </summary>
public static class PersonalDataEndpoints
{
    public static IEndpointRouteBuilder MapPersonalData(IEndpointRouteBuilder app)
    {
        app.MapGet("/account/my-data.{format}", async (string format, HttpContext http, IDbContextFactory<QuantifyDbContext> factory, PersonalDataService data) =>
        {
            var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
            await using var db = await factory.CreateDbContextAsync(http.RequestAborted);
            if (await FamilyAccessQueries.PersonOfUserAsync(db, userId, http.RequestAborted) is not int person)
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: "Your login is not linked to a person record: there is no personal data beyond your login.");
            return await FileAsync(format, person, data, http.RequestAborted);
        }).RequireAuthorization();

        app.MapGet("/api/admin/persons/{personId:int}/personal-data.{format}", async (int personId, string format, HttpContext http, PersonalDataService data) =>
            await FileAsync(format, personId, data, http.RequestAborted)).RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy)
            .WithName("GetPersonalData").WithSummary("A person's personal data (POPIA access request) as JSON or PDF").WithTags("Persons");
        return app;
    }

    private static async Task<IResult> FileAsync(string format, int personId, PersonalDataService data, CancellationToken ct)
    {
        var bytes = format switch
        {
            "json" => await data.JsonAsync(personId, ct),
            "pdf" => await data.PdfAsync(personId, ct),
            _ => null,
        };
        if (bytes is null) return format is "json" or "pdf" ? Results.NotFound() : Results.Problem(statusCode: 400, detail: "Format must be json or pdf.");
        return Results.File(bytes, format == "json" ? "application/json" : "application/pdf", $"personal-data-{personId}.{format}");
    }
}
