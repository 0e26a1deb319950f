using Microsoft.AspNetCore.Identity;

namespace Quantify.Web.Identity;

/// <summary>
/// Keeps a signed-in administrator, managing agent or utility user whose session has no second factor away from
/// everything but their account pages: pages redirect to the enrolment page, APIs, hubs and circuits answer 403. API
/// keys are another scheme and are not affected.
/// </summary>
public sealed class TwoFactorEnrolmentMiddleware(RequestDelegate next)
{
    private static readonly string[] Open = ["/account", "/login", "/_framework", "/_content", "/not-found", "/error", "/access-denied", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
            && TwoFactorRules.IsRequired(user) && !TwoFactorRules.SignedInWithSecondFactor(user))
        {
            var path = context.Request.Path;
            var open = Open.Any(p => path.StartsWithSegments(p)) || (Path.HasExtension(path.Value) && !path.StartsWithSegments("/api"));
            if (!open)
            {
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor") || !HttpMethods.IsGet(context.Request.Method))
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "application/problem+json";
                    return context.Response.WriteAsync("""{"status":403,"title":"Set up two-factor sign-in first (/account/two-factor)."}""");
                }
                context.Response.Redirect(TwoFactorRules.EnrolPath);
                return Task.CompletedTask;
            }
        }
        return next(context);
    }
}
