using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.CreditControl;

public static class CreditControlRegistration
{
    /// <summary>Credit control runs on every instance; commands are dispatched only where ingestion (the broker link) runs.</summary>
    public static IServiceCollection AddCreditControl(this IServiceCollection services, bool ingestionEnabled)
    {
        services.AddSingleton<CommandSignal>();
        services.AddSingleton<CreditControlQueue>();
        services.AddSingleton<IWalletPostingListener>(sp => sp.GetRequiredService<CreditControlQueue>());
        services.AddSingleton<CreditControlService>();
        services.AddSingleton<CommandQueries>();
        services.AddSingleton<ResidentNotices>();
        services.AddSingleton<IBatchObserver, CreditControlBatchObserver>();
        services.AddHostedService<CreditControlWorker>();
        if (!ingestionEnabled) return services;
        services.AddSingleton<ICommandTransport, ChirpStackCommandTransport>();
        services.AddSingleton<ICommandTransport, ModbusCommandTransport>();
        services.AddSingleton<CommandDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<CommandDispatcher>());
        return services;
    }
}
