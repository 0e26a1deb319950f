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
            .WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute())
            .RequireRateLimiting(Api.ApiRegistration.RateLimitPolicy).WithTags("Webhooks");
        api.MapGet("/events", () => Results.Ok(WebhookEvents.All)).WithName("ListWebhookEvents").WithSummary("List the webhook event types");
        api.MapGet("/subscriptions", async (int estateId, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, estateId)) return Problem([WebhookService.Forbidden]);
            return Results.Ok(await webhooks.SubscriptionsAsync(scope, estateId, ctx.RequestAborted));
        }).WithName("ListWebhookSubscriptions").WithSummary("List an estate's webhook subscriptions");
        api.MapPost("/subscriptions", async (CreateSubscriptionRequest body, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, body.EstateId)) return Problem([WebhookService.Forbidden]);
            var created = await webhooks.CreateAsync(scope, body.EstateId, body.TargetUrl, body.Events ?? [], body.Description, ctx.RequestAborted);
            return created.IsSuccess
                ? Results.Created($"/api/v1/webhooks/subscriptions/{created.Value.Id}", new { id = created.Value.Id, secret = created.Value.Secret })
                : Problem(created.Errors);
        }).WithName("CreateWebhookSubscription").WithSummary("Subscribe a URL to webhook events");
        api.MapPost("/subscriptions/{id:int}/pause", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.PauseAsync(await scopes.ForAsync(ctx.User), id, true, ctx.RequestAborted)))
            .WithName("PauseWebhookSubscription").WithSummary("Pause a webhook subscription");
        api.MapPost("/subscriptions/{id:int}/resume", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.PauseAsync(await scopes.ForAsync(ctx.User), id, false, ctx.RequestAborted)))
            .WithName("ResumeWebhookSubscription").WithSummary("Resume a paused webhook subscription");
        api.MapDelete("/subscriptions/{id:int}", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.DeactivateAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted)))
            .WithName("DeleteWebhookSubscription").WithSummary("Deactivate a webhook subscription");
        api.MapPost("/subscriptions/{id:int}/ping", async (int id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var r = await webhooks.PingAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted);
            return r.IsSuccess ? Results.Accepted(value: new { deliveryId = r.Value }) : Problem(r.Errors);
        }).WithName("PingWebhookSubscription").WithSummary("Send a test event to a webhook subscription");
        api.MapGet("/deliveries", async (int estateId, WebhookDeliveryStatus? status, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
        {
            var scope = await scopes.ForAsync(ctx.User);
            if (!WebhookService.CanManage(scope, estateId)) return Problem([WebhookService.Forbidden]);
            return Results.Ok(await webhooks.DeliveriesAsync(scope, estateId, status, 200, ctx.RequestAborted));
        }).WithName("ListWebhookDeliveries").WithSummary("List an estate's recent webhook deliveries");
        api.MapPost("/deliveries/{id:long}/redeliver", async (long id, HttpContext ctx, ScopeService scopes, WebhookService webhooks) =>
            Outcome(await webhooks.RedeliverAsync(await scopes.ForAsync(ctx.User), id, ctx.RequestAborted)))
            .WithName("RedeliverWebhookDelivery").WithSummary("Deliver a webhook event again");
        return app;
    }

    private static IResult Outcome(Result r) => r.IsSuccess ? Results.NoContent() : Problem(r.Errors);

    private static IResult Problem(IReadOnlyList<Error> errors)
    {
        var first = errors[0];
        var status = first.Code switch { "forbidden" => StatusCodes.Status403Forbidden, "not_found" => StatusCodes.Status404NotFound, _ => StatusCodes.Status400BadRequest };
        return Results.Problem(statusCode: status, detail: string.Join(" ", errors.Select(e => e.Message)),
            extensions: new Dictionary<string, object?> { ["errors"] = errors.Select(e => new { code = e.Code, message = e.Message, field = e.Field }).ToList() });
    }
}
