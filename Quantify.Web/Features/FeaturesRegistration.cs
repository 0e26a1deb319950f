using Quantify.Web.Features.Api;
using Quantify.Web.Features.Areas;
using Quantify.Web.Features.Billing;
using Quantify.Web.Features.Live;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Health;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Payments;
using Quantify.Web.Features.Integrity;
using Quantify.Web.Features.MasterData;
using Quantify.Web.Features.Reports;
using Quantify.Web.Features.Statements;

namespace Quantify.Web.Features;

/// <summary>Each feature folder registers its services and endpoints here.</summary>
public static class FeaturesRegistration
{
    public static IServiceCollection AddQuantifyFeatures(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment env)
    {
        foreach (var soft in OrphanScanService.FoundationSoftReferences()) services.AddSingleton(soft);
        services.AddSingleton<OrphanScanService>();
        services.AddSingleton<AuditQueries>();
        services.AddAreas();
        services.AddMasterData();
        services.AddIngestion(configuration, env.ContentRootPath, env.IsDevelopment());
        services.AddBilling();
        Levies.LevyRegistration.AddLevies(services);
        services.AddLive();
        services.AddSingleton<Wall.WallQueries>();
        services.AddSingleton<Wall.WallLinks>();
        services.AddSingleton<Usage.UsageQueries>();
        services.AddSingleton<Usage.OwnerAnalytics>();
        services.AddSingleton<Reconciliation.ReconciliationQueries>();
        Reconciliation.ReconciliationRegistration.AddReconciliation(services, configuration);
        services.AddSingleton<Users.UserAdminService>();
        services.AddSingleton<Users.AccessInvitationService>();
        services.AddSingleton<Users.AccountService>();
        services.AddNotifications(configuration, env.ContentRootPath);
        services.AddCreditControl(configuration.GetValue("Ingestion:Enabled", true));
        services.AddLedger();
        services.AddPayments(configuration, env);
        Simulation.SimulationRegistration.AddSimulation(services, configuration);
        services.AddStatements();
        services.AddPublicApi(configuration);
        services.AddReports();
        Settlement.SettlementRegistration.AddSettlement(services);
        Webhooks.WebhooksRegistration.AddWebhooks(services, configuration, env);
        Onboarding.OnboardingRegistration.AddOnboarding(services, configuration);
        Import.ImportRegistration.AddImport(services, configuration);
        Family.FamilyRegistration.AddFamily(services);
        return services;
    }

    public static IEndpointRouteBuilder MapFeatureEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapLedgerEndpoints();
        app.MapGatewayEndpoints();
        app.MapLive();
        app.MapPaymentEndpoints();
        app.MapStatements();
        app.MapPublicApiEndpoints();
        app.MapReports();
        Settlement.SettlementRegistration.MapSettlement(app);
        Webhooks.WebhooksRegistration.MapWebhooks(app);
        Onboarding.OnboardingRegistration.MapOnboarding(app);
        Import.ImportRegistration.MapImport(app);
        Api.FamilyApiEndpoints.MapFamilyApi(app);
        Family.PersonalDataEndpoints.MapPersonalData(app);
        return app;
    }
}
