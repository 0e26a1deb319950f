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
        // Every session of this login ends (the security stamp changes), this one at once.
        app.MapPost("/account/sign-out-everywhere", async (HttpContext ctx, SignInManager<ApplicationUser> signIn, Features.Users.AccountService accounts, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(ctx)) return Results.BadRequest();
            var id = signIn.UserManager.GetUserId(ctx.User);
            if (id is null) return Results.LocalRedirect("/login");
            await accounts.SignOutEverywhereAsync(id);
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/login");
        }).RequireAuthorization();
        return app;
    }
}
