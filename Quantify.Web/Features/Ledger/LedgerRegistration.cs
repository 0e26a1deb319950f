using Quantify.Web.Security;

namespace Quantify.Web.Features.Ledger;

public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<WalletLocks>();
        services.AddSingleton<LedgerService>();
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<WalletQueries>();
        services.AddSingleton<PeriodService>();
        services.AddSingleton<WalletSettingsService>();
        return services;
    }

    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/ledger/verify", async (int? walletId, int? estateId, LedgerVerifier verifier, CancellationToken ct) =>
        {
            var result = await verifier.VerifyAsync(walletId, estateId, ct);
            return Results.Ok(new { valid = result.IsValid, summary = result.Summary, result.WalletsChecked, result.AccountsChecked, result.LinesChecked, result.Problems });
        }).RequireAuthorization(Policies.AdminArea);
        WalletQueries.MapWalletEndpoints(app);
        return app;
    }
}
