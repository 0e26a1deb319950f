using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Features.Billing;

public static class BillingRegistration
{
    public static IServiceCollection AddBilling(this IServiceCollection services)
    {
        services.AddSingleton<TariffDirectory>();
        services.AddSingleton<ConsumptionBiller>();
        services.AddSingleton<IConsumptionBiller>(sp => sp.GetRequiredService<ConsumptionBiller>());
        services.AddSingleton<TariffService>();
        services.AddSingleton<FixedChargeService>();
        return services;
    }
}
