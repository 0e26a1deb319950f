using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Quantify.Web.Identity;

namespace Quantify.Web.Features.ApiKeys;

public static class ApiKeyDefaults
{
    public const string Scheme = "ApiKey";
    /// <summary>The policy scheme of the public API: the key when an X-Api-Key header is sent, else the portal cookie.</summary>
    public const string KeyOrCookieScheme = "ApiKeyOrCookie";
    public const string Header = "X-Api-Key";
    public const string KeyIdClaim = "quantify:api-key";
    public const string PermissionClaim = "quantify:api-permission";
    public const string EstateClaim = "quantify:api-estate";
    internal const string FailureItem = "Quantify.ApiKeyFailure";
}

/// <summary>
/// Signs an <c>X-Api-Key</c> caller in as the key's owner: the owner's user id and roles (so <c>ScopeService</c> applies
/// unchanged), plus the key's id, permissions and estate narrowing as claims. An unknown, revoked or expired key, or a
/// deactivated owner, is a 401 whose problem body says which.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyService keys, IUserClaimsPrincipalFactory<ApplicationUser> principals)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyDefaults.Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var check = await keys.CheckAsync(values.ToString(), Context.RequestAborted);
        if (!check.IsValid) return Fail(check.Failure!);
        var key = check.Key!;
        var user = await principals.CreateAsync(check.Owner!);
        if (!ApiKeyService.OwnerRoles.Any(user.IsInRole)) return Fail("The owner of this API key is no longer a managing agent or admin.");
        var identity = new ClaimsIdentity(user.Claims, ApiKeyDefaults.Scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ApiKeyDefaults.KeyIdClaim, key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var p in key.PermissionSet) identity.AddClaim(new Claim(ApiKeyDefaults.PermissionClaim, p));
        foreach (var e in key.Estates) identity.AddClaim(new Claim(ApiKeyDefaults.EstateClaim, e.EstateId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiKeyDefaults.Scheme));
    }

    private AuthenticateResult Fail(string reason)
    {
        Context.Items[ApiKeyDefaults.FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[ApiKeyDefaults.FailureItem] as string ?? "Send a valid API key in the X-Api-Key header.";
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.Header}\"";
        return ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Not authenticated", reason);
    }
}

/// <summary>Requires a permission: of an API key, the key must grant it; a portal (cookie) caller has every read permission.</summary>
public sealed class ApiPermissionRequirement(string permission) : IAuthorizationRequirement
{
    public string Permission { get; } = permission;
}

public sealed class ApiPermissionHandler : AuthorizationHandler<ApiPermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiPermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true) return Task.CompletedTask;
        if (!IsApiKey(context.User))
        {
            // Portal sessions read what their role and scope allow; writes stay with keys and the portal's own pages.
            if (requirement.Permission.StartsWith("read:", StringComparison.Ordinal)) context.Succeed(requirement);
            else context.Fail(new AuthorizationFailureReason(this, $"'{requirement.Permission}' needs an API key that grants it."));
        }
        else if (context.User.HasClaim(ApiKeyDefaults.PermissionClaim, requirement.Permission)) context.Succeed(requirement);
        else context.Fail(new AuthorizationFailureReason(this, $"This API key does not grant the '{requirement.Permission}' permission."));
        return Task.CompletedTask;
    }

    public static bool IsApiKey(ClaimsPrincipal user) => user.HasClaim(c => c.Type == ApiKeyDefaults.KeyIdClaim);
}

/// <summary>
/// API endpoints answer problem details, not login redirects or the portal's not-found page: 401 says what was wrong
/// with the key (or that none was sent), 403 says which permission or role is missing.
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        var api = policy.AuthenticationSchemes.Contains(ApiKeyDefaults.KeyOrCookieScheme);
        if (!api || result.Succeeded)
        {
            await fallback.HandleAsync(next, context, policy, result);
            return;
        }
        if (result.Challenged)
        {
            if (context.Request.Headers.ContainsKey(ApiKeyDefaults.Header)) await context.ChallengeAsync(ApiKeyDefaults.Scheme);
            else await ApiProblem.WriteAsync(context, StatusCodes.Status401Unauthorized, "Not authenticated",
                "Send an API key in the X-Api-Key header, or sign in to the portal.");
            return;
        }
        var reasons = result.AuthorizationFailure?.FailureReasons.Select(r => r.Message).ToList() ?? [];
        if (reasons.Count == 0) reasons.Add("Your role may not use this endpoint.");
        await ApiProblem.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden", string.Join(" ", reasons));
    }
}

public static class ApiProblem
{
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Detail = detail },
            (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
    }
}
