using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using Quantify.Web.Cli;
using Quantify.Web.Components;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Demo;
using Quantify.Web.Features;
using Quantify.Web.Features.Api;
using Quantify.Web.Features.Health;
using Quantify.Web.Identity;
using Quantify.Web.Jobs;
using Quantify.Web.Security;

namespace Quantify.Web;

/// <summary>The composition root: every feature registers itself here, in one place.</summary>
public static class QuantifyApp
{
    /// <param name="overrides">Runs after every feature has registered its services: a benchmark's stand-in for one of them.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null, string? environment = null, string? contentRoot = null,
        Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args.Where(a => a != "--demo").ToArray(),
            ApplicationName = typeof(QuantifyApp).Assembly.GetName().Name,
            EnvironmentName = environment,
            ContentRootPath = contentRoot,
        });
        configure?.Invoke(builder);
        // Outside a published build (Development, Testing, a demo run) static assets such as MudBlazor's come from the
        // build's manifest; Development switches this on by itself, other environments need it said.
        if (!builder.Environment.IsDevelopment() && !builder.Environment.IsProduction()) builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;

        services.AddSingleton(TimeProvider.System);
        // Client addresses: the TCP peer's, or what a configured known proxy forwarded (never an unknown peer's header).
        var proxies = ForwardedHeadersSettings.From(builder.Configuration);
        services.AddSingleton(proxies);
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(proxies.Apply);
        // One key ring for every instance, kept in the application database (webhook secrets, auth cookies, antiforgery).
        services.AddDataProtection().SetApplicationName("Quantify").PersistKeysToDbContext<QuantifyDbContext>();
        services.AddQuantifyData(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddQuantifySecurity();
        services.AddQuantifyJobs(builder.Configuration);
        services.AddQuantifyFeatures(builder.Configuration, builder.Environment);
        services.AddDemo(builder.Configuration, builder.Environment, args);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddScoped<CircuitHandler, UserContextCircuitHandler>();
        services.AddSingleton(HealthResponse.Bind(builder.Configuration));
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<SchedulerHealthCheck>("scheduler");
        overrides?.Invoke(services);

        return builder.Build();
    }

    public static async Task RunQuantifyAsync(this WebApplication app, string[] args)
    {
        if (CliVerbs.IsVerb(args))
        {
            Environment.ExitCode = await CliVerbs.RunAsync(app, args);
            return;
        }
        await app.PrepareAsync();
        await FirstAdminCheck.WarnIfNoAdminAsync(app.Services, app.Logger);
        app.UseQuantifyPipeline();
        await app.RunAsync();
    }

    /// <summary>Migrates the database, creates roles and, when asked for, the demo estate.</summary>
    public static async Task PrepareAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await RoleSeeder.EnsureRolesAsync(app.Services);
        await app.Services.GetRequiredService<DemoRunner>().RunIfRequestedAsync();
        await Features.Family.FamilyRegistration.MigrateFamilyTenanciesAsync(app.Services);
    }

    public static WebApplication UseQuantifyPipeline(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ForwardedHeadersSettings>().Any) app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }
        // Friendly status pages are for people in the portal; API and hub callers get the bare status (and problem body).
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiProblemBodies();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
        app.UseRateLimiter();
        app.UseMiddleware<UserContextMiddleware>();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/health", HealthResponse.Options(app.Services.GetRequiredService<HealthOptions>()));
        app.MapAccountEndpoints();
        app.MapFeatureEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}

/// <summary>Sets the acting user for audit stamps on each HTTP request.</summary>
public sealed class UserContextMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var _ = UserContext.Begin(context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value,
            context.Connection.RemoteIpAddress?.ToString());
        await next(context);
    }
}

/// <summary>Sets the acting user for audit stamps on each inbound Blazor circuit activity.</summary>
public sealed class UserContextCircuitHandler(AuthenticationStateProvider auth, IHttpContextAccessor http) : CircuitHandler
{
    private readonly string? ip = http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await auth.GetAuthenticationStateAsync();
            using var _ = UserContext.Begin(state.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, ip);
            await next(context);
        };
}
