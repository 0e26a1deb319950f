using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Live;

public static class LiveRegistration
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<LiveNotifier>();
        services.AddSingleton<IBatchObserver>(sp => sp.GetRequiredService<LiveNotifier>());
        services.AddSingleton<IWalletPostingListener>(sp => sp.GetRequiredService<LiveNotifier>());
        return services;
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}
