namespace Quantify.Web.Features.Areas;

public static class AreasRegistration
{
    public static IServiceCollection AddAreas(this IServiceCollection services)
    {
        services.AddSingleton<AreaQueries>();
        return services;
    }
}
