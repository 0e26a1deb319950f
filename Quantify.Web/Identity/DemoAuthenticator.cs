using Microsoft.AspNetCore.Identity;

namespace Quantify.Web.Identity;

/// <summary>
/// The authenticator key of the demo's (and the portal benchmark's) administrator, agent and utility logins, so the
/// demo and the tests can sign in through the real two-factor step. It is RFC 6238's published test secret
/// ("12345678901234567890" in Base32): public by design, and only ever given to logins the demo seeder makes, which
/// never runs in Production.
/// </summary>
public static class DemoAuthenticator
{
    public const string Key = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    public static async Task EnrolIfRequiredAsync(UserManager<ApplicationUser> users, ApplicationUser user, string role)
    {
        if (!TwoFactorRules.RequiredFor.Contains(role)) return;
        await users.SetAuthenticationTokenAsync(user, "[AspNetUserStore]", "AuthenticatorKey", Key);
        await users.SetTwoFactorEnabledAsync(user, true);
    }

    /// <summary>The code an authenticator app holding <see cref="Key"/> shows now.</summary>
    public static string CodeNow(TimeProvider clock) => Totp.Code(Key, clock.GetUtcNow());
}
