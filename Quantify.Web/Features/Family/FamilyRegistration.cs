using Microsoft.EntityFrameworkCore;
using Quantify.Web.Data;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Payments;

namespace Quantify.Web.Features.Family;

public static class FamilyRegistration
{
    public static IServiceCollection AddFamily(this IServiceCollection services)
    {
        services.AddSingleton<AccessSignal>();
        services.AddSingleton<WalletAccessService>();
        services.AddSingleton<ITopUpGate, TopUpGate>();
        services.AddSingleton<SpendBudgetService>();
        services.AddSingleton<IBudgetGate>(sp => sp.GetRequiredService<SpendBudgetService>());
        services.AddSingleton<WalletGroupService>();
        services.AddSingleton<PersonalDataService>();
        return services;
    }

    /// <summary>Start-up step after migrations and the demo seeder: <see cref="FamilyGrantMigration"/>.</summary>
    public static async Task MigrateFamilyTenanciesAsync(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var n = await FamilyGrantMigration.RunAsync(db, services.GetRequiredService<TimeProvider>());
        if (n > 0) services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FamilyRegistration)).LogInformation("Family: {Count} family-member tenancy(ies) migrated to wallet access grants", n);
    }
}
