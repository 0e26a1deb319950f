using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;
using Scalar.AspNetCore;

namespace Quantify.Web.Features.Api;

/// <summary>
/// The public API: API keys (<c>X-Api-Key</c>) next to the portal cookie, per-caller rate limits, the OpenAPI document
/// at <c>/openapi/v1.json</c>, the reference page at <c>/api/reference</c>, and the <c>/api/v1</c> read endpoints.
/// </summary>
public static class ApiRegistration
{
    /// <summary>Any caller of <c>/api/v1</c>: signed in by key or cookie, in a role that may use the API.</summary>
    public const string CallerPolicy = "Api:Caller";
    /// <summary>Who manages API keys (the <c>/agent/api-keys</c> page): managing agents and admins.</summary>
    public const string ManageKeysPolicy = "ApiKeys:Manage";
    public const string RateLimitPolicy = "Api:PerCaller";
    public const string ApiKeySecurityScheme = "ApiKey";
    public const string CookieSecurityScheme = "PortalCookie";

    public static string PermissionPolicy(string permission) => "Api:" + permission;

    /// <summary>
    /// For feature endpoints under <c>/api/v1</c> that both the portal and integrations call (onboarding, reports): the
    /// portal cookie needs only the roles; an <c>X-Api-Key</c> also needs <paramref name="permission"/>. Estate
    /// narrowing of a key is applied by the endpoint through <see cref="ApiScope"/>.
    /// </summary>
    public static void CookieOrKey(AuthorizationPolicyBuilder p, string permission, params string[] roles)
    {
        p.AddAuthenticationSchemes(ApiKeyDefaults.KeyOrCookieScheme).RequireAuthenticatedUser();
        if (roles.Length > 0) p.RequireRole(roles);
        p.RequireAssertion(ctx => !ApiPermissionHandler.IsApiKey(ctx.User) || ctx.User.HasClaim(ApiKeyDefaults.PermissionClaim, permission));
    }

    public static IServiceCollection AddPublicApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ApiQueries>();

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, null)
            .AddPolicyScheme(ApiKeyDefaults.KeyOrCookieScheme, "API key or portal cookie", o =>
                o.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey(ApiKeyDefaults.Header) ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme);

        var authorization = services.AddAuthorizationBuilder()
            .AddPolicy(CallerPolicy, p => p.AddAuthenticationSchemes(ApiKeyDefaults.KeyOrCookieScheme).RequireAuthenticatedUser().RequireRole(ApiScope.ApiRoles))
            .AddPolicy(ManageKeysPolicy, p => p.RequireAuthenticatedUser().RequireRole(ApiKeyService.OwnerRoles));
        foreach (var permission in ApiPermissions.All.Keys)
            authorization.AddPolicy(PermissionPolicy(permission), p => p.AddAuthenticationSchemes(ApiKeyDefaults.KeyOrCookieScheme).RequireAuthenticatedUser()
                .AddRequirements(new ApiPermissionRequirement(permission)));
        services.AddSingleton<IAuthorizationHandler, ApiPermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RateLimitPolicy, ctx =>
            {
                var permits = Math.Max(1, configuration.GetValue("Api:RateLimit:PermitsPerMinute", 600));
                return RateLimitPartition.GetFixedWindowLimiter(PartitionOf(ctx), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true,
                });
            });
            o.OnRejected = async (ctx, ct) =>
            {
                var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
                ctx.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiProblem.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"Rate limit reached ({configuration.GetValue("Api:RateLimit:PermitsPerMinute", 600)} requests a minute per API key or user). Retry after {seconds} s.");
            };
        });

        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath is { } path && path.StartsWith("api/", StringComparison.Ordinal)
                // Machine-to-machine callbacks with their own signatures are documented in docs/protocols.md and docs/payments.
                && !path.StartsWith("api/payments/", StringComparison.Ordinal) && !path.StartsWith("api/v1/gateways/", StringComparison.Ordinal);
            o.AddDocumentTransformer((document, context, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Quantify API",
                    Version = "v1",
                    Description = "Read estates, units, people, meters, wallets, transactions and readings. Authenticate with an API key in the " +
                        "`X-Api-Key` header (create one at /agent/api-keys) or a signed-in portal session. Lists take `page` (from 1) and `pageSize` " +
                        "(1-500, default 50) and answer `{ items, page, pageSize, totalCount }`. Errors are RFC 9457 problem details. See docs/api.md.",
                    License = new OpenApiLicense { Name = "Proprietary: licensed to the operator of this installation", Identifier = "LicenseRef-Quantify-Proprietary" },
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ApiKeySecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyDefaults.Header,
                    Description = "An API key (qk_...). Created by a managing agent or admin at /agent/api-keys; shown once. Its permissions and estates limit what it reads.",
                };
                document.Components.SecuritySchemes[CookieSecurityScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "Quantify.Auth",
                    Description = "The portal's sign-in cookie (a browser session).",
                };
                return ApiDocumentConventions.TransformDocumentAsync(document, context.ApplicationServices.GetRequiredService<Onboarding.OnboardingOptions>().PublicBaseUrl);
            });
            o.AddOperationTransformer(ApiDocumentConventions.TransformOperationAsync);
            o.AddSchemaTransformer(ApiDocumentConventions.TransformSchemaAsync);
            o.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var permission = metadata.OfType<ApiPermissionMetadata>().FirstOrDefault();
                operation.Security = [];
                if (permission is not null)
                    operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeySecurityScheme, context.Document)] = [permission.Permission] });
                else
                    operation.Description = ((operation.Description ?? "") + " Portal session only (no API key).").Trim();
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieSecurityScheme, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPublicApiEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPublicApi();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("Quantify API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app;
    }

    /// <summary>Rate-limit partition: the API key, else the signed-in user, else the client address.</summary>
    public static string PartitionOf(HttpContext ctx) =>
        ctx.User.FindFirst(ApiKeyDefaults.KeyIdClaim)?.Value is { } key ? "key:" + key
        : ctx.User.FindFirst(ClaimTypes.NameIdentifier)?.Value is { } user ? "user:" + user
        : "ip:" + (ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown");
}
