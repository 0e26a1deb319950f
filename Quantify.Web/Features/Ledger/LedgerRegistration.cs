namespace Quantify.Web.Features.Ledger;

public static class LedgerRegistration
{
    public static IServiceCollection AddLedger(this IServiceCollection services)
    {
        services.AddSingleton<WalletLocks>();
        services.AddSingleton<LedgerService>();
        services.AddSingleton<LedgerVerifier>();
        services.AddSingleton<WalletQueries>();
        services.AddSingleton<WalletHistoryQueries>();
        services.AddSingleton<VacancyBillingService>();
        services.AddSingleton<PeriodService>();
        services.AddSingleton<WalletSettingsService>();
        return services;
    }
}
