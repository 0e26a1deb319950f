using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Quantify.Web.Data;
using Quantify.Web.Identity;

namespace Quantify.Web.Security;

public static class Policies
{
    /// <summary>The policy guarding a role's area, e.g. "Area:Tenant".</summary>
    public static string Area(string role) => "Area:" + role;

    public const string AdminArea = "Area:" + Roles.Admin;
    public const string TenantArea = "Area:" + Roles.Tenant;
    public const string OwnerArea = "Area:" + Roles.Owner;
    public const string FamilyArea = "Area:" + Roles.FamilyMember;
    public const string TrusteeArea = "Area:" + Roles.Trustee;
    public const string AgentArea = "Area:" + Roles.ManagingAgent;
    public const string UtilityArea = "Area:" + Roles.Utility;
}

public static class SecurityRegistration
{
    public static IServiceCollection AddQuantifySecurity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddAuthentication(o =>
        {
            o.DefaultScheme = IdentityConstants.ApplicationScheme;
            o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        }).AddIdentityCookies();
        // "Remember this browser" on the two-factor step: a persistent cookie holding the user id and security stamp, so a
        // password change or an admin's two-factor reset (both change the stamp) ends it at the next session check.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = "Quantify.TwoFactorRemember";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.ExpireTimeSpan = TimeSpan.FromDays(TwoFactorRules.RememberBrowserDays);
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "Quantify.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // API callers get status codes, not login redirects.
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddIdentityCore<ApplicationUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<QuantifyDbContext>()
            .AddSignInManager<QuantifySignInManager>()
            .AddDefaultTokenProviders();

        // "Sign out of every session" changes the security stamp; cookies re-check it this often.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IConfiguration>((o, config) =>
        {
            o.ValidationInterval = config.GetValue("Accounts:SessionCheckInterval", TimeSpan.FromMinutes(1));
            // The periodic re-check rebuilds the principal from the database; keep how the session signed in
            // (amr=mfa: with a second factor), or two-factor users would be sent back to enrolment.
            o.OnRefreshingPrincipal = ctx =>
            {
                if (ctx.CurrentPrincipal?.FindFirst("amr") is { } amr && ctx.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == "amr"))
                    identity.AddClaim(new System.Security.Claims.Claim(amr.Type, amr.Value));
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder().AddAreaPolicies();
        services.AddScoped<ScopeService>();
        return services;
    }

    private static AuthorizationBuilder AddAreaPolicies(this AuthorizationBuilder builder)
    {
        foreach (var role in Roles.All)
            builder.AddPolicy(Policies.Area(role), p => p.RequireAuthenticatedUser().RequireRole(role));
        return builder;
    }

    private static Task ApiAware(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api") || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            // A problem body (not an empty one): otherwise the status-code pages re-execute a refused POST as the
            // not-found page, which answers 400 (no antiforgery token) instead of 401/403.
            ctx.Response.StatusCode = status;
            ctx.Response.ContentType = "application/problem+json";
            return ctx.Response.WriteAsync(status == StatusCodes.Status401Unauthorized
                ? """{"status":401,"title":"Sign in first."}"""
                : """{"status":403,"title":"Your role may not do this."}""");
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Refuses sign-in to deactivated users (they are never deleted) and records the last login.</summary>
public sealed class QuantifySignInManager(
    UserManager<ApplicationUser> userManager, IHttpContextAccessor contextAccessor, IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor, ILogger<SignInManager<ApplicationUser>> logger, Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(ApplicationUser user) => user.IsActive && await base.CanSignInAsync(user);
}

/// <summary>Re-checks every 10 minutes that a connected circuit's user is still active and unchanged.</summary>
public sealed class RevalidatingIdentityStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(10);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.GetUserAsync(state.User);
        if (user is null || !user.IsActive) return false;
        var stamp = state.User.FindFirst(options.Value.ClaimsIdentity.SecurityStampClaimType)?.Value;
        return !users.SupportsUserSecurityStamp || stamp == await users.GetSecurityStampAsync(user);
    }
}

public static class RoleSeeder
{
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }
}
