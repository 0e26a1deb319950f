using Quantify.Domain.Common;
using Quantify.Web.Features.CreditControl;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Webhooks;

/// <summary>A request to subscribe: which estate, where to, which events.</summary>
public sealed record CreateSubscriptionRequest(int EstateId, string? TargetUrl, IReadOnlyList<string>? Events, string? Description);

public static class WebhooksRegistration
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, IHostEnvironment env)
    {
        var options = configuration.GetSection("Webhooks").Get<WebhookOptions>() ?? new WebhookOptions();
        options.AllowHttpLoopback ??= env.IsDevelopment() || env.IsEnvironment("Testing");
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(new WebhookTargetGuard(options));
        services.AddSingleton<WebhookSecretProtector>();
        services.AddHostedService<WebhookSecretMigration>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            // The guard's handler: connects only to permitted addresses (checked after DNS resolution), follows no redirects.
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<WebhookTargetGuard>().CreateHandler());
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<WebhookSubscriptionCache>();
        services.AddSingleton<WebhookPublisher>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDispatcher>();
        if (options.WorkerEnabled) services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<WalletTopUpWebhooks>();
        services.AddSingleton<IWalletPostingListener>(sp => sp.GetRequiredService<WalletTopUpWebhooks>());
        services.AddSingleton<ILowBalanceListener, LowBalanceWebhooks>();
        services.AddSingleton<IBatchObserver, MeterReadingWebhooks>();
        services.AddSingleton<MeterCommsService>();
        services.AddSingleton<Onboarding.ITenantLifecycleListener, TenantLifecycleWebhooks>();
        return services;
    }

    /// <summary>
    /// <c>/api/v1/webhooks/...</c>: the same operations as the page, for admins and managing agents (cookie sign-in),
    /// scoped to the estates the caller manages: another estate answers 403 (or 404 for an id that is not theirs).
    /// </summary>
    public static IEndpointRouteBuilder MapWebhooks(this IEndpointRouteBuilder app)
    {
        // Status codes are answers here, not pages: without this a refused POST is re-executed as POST /not-found (and fails antiforgery with 400).
        var api = app.MapGroup("/api/v1/webhooks").RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.ManagingAgent))
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
        api.MapGet("/events", () => Results.Ok(WebhookEvents.All));
        api.MapGet("/subscriptions", async (int estateId, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, estateId)) return Problem([WebhookService.Forbidden]);
            return Results.Ok(await webhooks.SubscriptionsAsync(scope, estateId, ctx.RequestAborted));
        });
        api.MapPost("/subscriptions", async (CreateSubscriptionRequest body, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, body.EstateId)) return Problem([WebhookService.Forbidden]);
            var created = await webhooks.CreateAsync(scope, body.EstateId, body.TargetUrl, body.Events ?? [], body.Description, ctx.RequestAborted);
            return created.IsSuccess
                ? Results.Created($"/api/v1/webhooks/subscriptions/{created.Value.Id}", new { id = created.Value.Id, secret = created.Value.Secret })
                : Problem(created.Errors);
        });
        api.MapPost("/subscriptions/{id:int}/pause", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.PauseAsync(await scopes.ForAsync(ctx.User), id, true, ctx.RequestAborted)));
        api.MapPost("/subscriptions/{id:int}/resume", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.PauseAsync(await scopes.ForAsync(ctx.User), id, false, ctx.RequestAborted)));
        api.MapDelete("/subscriptions/{id:int}", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.DeactivateAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted)));
        api.MapPost("/subscriptions/{id:int}/ping", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var r = await webhooks.PingAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted);
            return r.IsSuccess ? Results.Accepted(value: new { deliveryId = r.Value }) : Problem(r.Errors);
        });
        api.MapGet("/deliveries", async (int estateId, WebhookDeliveryStatus? status, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, estateId)) return Problem([WebhookService.Forbidden]);
            return Results.Ok(await webhooks.DeliveriesAsync(scope, estateId, status, 200, ctx.RequestAborted));
        });
        api.MapPost("/deliveries/{id:long}/redeliver", async (long id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.RedeliverAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted)));
        return app;
    }

    private static IResult Outcome(Result r) => r.IsSuccess ? Results.NoContent() : Problem(r.Errors);

    private static IResult Problem(IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        var status = first.Code switch { "forbidden" => StatusCodes.Status403Forbidden, "not_found" => StatusCodes.Status404NotFound, _ => StatusCodes.Status400BadRequest };
        return Results.Json(new { errors = errors.Select(e => new { e.Code, e.Message, e.Field }) }, statusCode: status);
    }
}
