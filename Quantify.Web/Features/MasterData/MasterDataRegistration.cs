namespace Quantify.Web.Features.MasterData;

public static class MasterDataRegistration
{
    public static IServiceCollection AddMasterData(this IServiceCollection services)
    {
        services.AddSingleton<EstateService>();
        services.AddSingleton<UnitService>();
        services.AddSingleton<PersonService>();
        services.AddSingleton<MeterService>();
        services.AddSingleton<OccupancyService>();
        services.AddSingleton<LifecycleService>();
        return services;
    }
}
