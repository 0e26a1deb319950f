namespace Quantify.Web.Features.Levies;

public static class LevyRegistration
{
    public static IServiceCollection AddLevies(this IServiceCollection services) =>
        services.AddSingleton<LevyService>().AddSingleton<LevyKpiQueries>();
}
