using Microsoft.AspNetCore.WebUtilities;
using Quantify.Web.Features.ApiKeys;

namespace Quantify.Web.Features.Api;

/// <summary>
/// Under <c>/api</c> (and <c>/hubs</c>) status codes are answers, not pages: the portal's status-code pages are off, and
/// an error answer an endpoint left without a body (<c>Results.NotFound()</c>, a binding failure's 400, a 405) gets an
/// RFC 9457 problem body, so every documented 4xx of <c>/openapi/v1.json</c> really is <c>application/problem+json</c>.
/// </summary>
public static class ApiProblemBodies
{
    public static IApplicationBuilder UseApiProblemBodies(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        var api = ctx.Request.Path.StartsWithSegments("/api");
        if (!api && !ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            await next(ctx);
            return;
        }
        ctx.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        await next(ctx);
        var response = ctx.Response;
        if (!api || response.HasStarted || response.StatusCode < 400 || response.StatusCode >= 500 || response.ContentLength > 0 || response.ContentType is not null
            || HttpMethods.IsHead(ctx.Request.Method))
            return;
        await ApiProblem.WriteAsync(ctx, response.StatusCode, ReasonPhrases.GetReasonPhrase(response.StatusCode), Detail(response.StatusCode));
    });

    private static string Detail(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "The request could not be read: a parameter or the body is not of the expected type or shape.",
        StatusCodes.Status401Unauthorized => "Send an API key in the X-Api-Key header, or sign in to the portal.",
        StatusCodes.Status403Forbidden => "You may not do this with your role, your API key or for this estate.",
        StatusCodes.Status404NotFound => "Not found, or outside your scope.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => ReasonPhrases.GetReasonPhrase(status),
    };
}
