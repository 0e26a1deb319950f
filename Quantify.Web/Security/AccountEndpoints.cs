using Microsoft.AspNetCore.Identity;
using Quantify.Web.Identity;

namespace Quantify.Web.Security;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<ApplicationUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        });
        return app;
    }
}
