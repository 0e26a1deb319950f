using Quantify.Web.Security;

namespace Quantify.Web.Features.Ledger;

/// <summary>
/// The ledger's HTTP endpoints: ledger verify, and the wallet history CSV (<see cref="WalletEndpoints"/>). Each checks
/// the caller's role and estate scope; <c>Ledger/LedgerApiTests</c> and <c>Ledger/WalletScopeTests</c> try to cross.
/// </summary>
public static class LedgerEndpoints
{
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        // Admins, by portal cookie or by an X-Api-Key granting read:transactions. A key narrowed to some estates verifies only
        // those: it must name one of them (estateId, or a walletId in one), anything else answers 404 as if it did not exist.
        app.MapGet("/api/v1/ledger/verify", async (int? walletId, int? estateId, HttpContext ctx, ScopeService scopes, LedgerVerifier verifier, WalletQueries wallets) =>
        {
            var ct = ctx.RequestAborted;
            var scope = await scopes.ForAsync(ctx.User, ct);
            if (scope.EstateLimit is { } limit)
            {
                if (estateId is null && walletId is null)
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Name an estate",
                        detail: $"This API key is narrowed to {(limit.Count == 1 ? "estate" : "estates")} {string.Join(", ", limit.Order())}: ask for one with ?estateId=.");
                if (estateId is int e && !limit.Contains(e)) return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Estate #{e} was not found.");
                if (walletId is int w && (await wallets.EstateOfWalletAsync(w, ct) is not int we || !limit.Contains(we)))
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Wallet #{w} was not found.");
            }
            var result = await verifier.VerifyAsync(walletId, estateId, ct);
            return Results.Ok(new { valid = result.IsValid, summary = result.Summary, result.WalletsChecked, result.AccountsChecked, result.LinesChecked, result.Problems });
        }).RequireAuthorization(p => Api.ApiRegistration.CookieOrKey(p, ApiKeys.ApiPermissions.ReadTransactions, Identity.Roles.Admin))
        .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy)
        .WithMetadata(new Api.ApiPermissionMetadata(ApiKeys.ApiPermissions.ReadTransactions))
        .WithName("VerifyLedger").WithTags("Ledger").WithSummary("Verify the ledger's hash chains and balances")
        .WithDescription("Admins. Checks every wallet (or one wallet or estate): each line's hash chain and each account's balance against its lines.");
        WalletEndpoints.Map(app);
        return app;
    }
}
