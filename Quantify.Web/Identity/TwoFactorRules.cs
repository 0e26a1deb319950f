using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Quantify.Web.Identity;

/// <summary>
/// Who must sign in with two factors: administrators, managing agents and utility staff (they move money and switch
/// supply for whole estates). Their session counts only once it was signed in with a second factor, which Identity
/// marks with the claim <c>amr=mfa</c>; until then every area answers with the enrolment page.
/// </summary>
public static class TwoFactorRules
{
    public static readonly string[] RequiredFor = [Roles.Admin, Roles.ManagingAgent, Roles.Utility];
    public const string EnrolPath = "/account/two-factor";
    public const string LoginPath = "/login/two-factor";
    public const string RecoveryPath = "/login/recovery";
    public const string Issuer = "Quantify";
    public const int RecoveryCodeCount = 10;
    /// <summary>How long "remember this browser" skips the code (Identity's two-factor remember cookie).</summary>
    public const int RememberBrowserDays = 30;

    public static bool IsRequired(IEnumerable<string> roles) => roles.Any(RequiredFor.Contains);

    public static bool IsRequired(ClaimsPrincipal user) => RequiredFor.Any(user.IsInRole) || user.HasClaim(ResetClaim, "1");

    /// <summary>
    /// A user claim an admin's two-factor reset leaves on the login: until they enrol again, two-factor is required of
    /// them whatever their role (so an owner or tenant who lost their phone is also sent to enrolment). Enrolling removes it.
    /// </summary>
    public const string ResetClaim = "quantify:two-factor-reset";

    /// <summary>True when this session was signed in with a second factor (authenticator or recovery code).</summary>
    public static bool SignedInWithSecondFactor(ClaimsPrincipal user) => user.HasClaim("amr", "mfa");

    /// <summary>The otpauth URI authenticator apps read from the QR code (Key URI Format).</summary>
    public static string AuthenticatorUri(string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(Issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(Issuer)}&digits=6&period=30";

    /// <summary>The key in groups of four, for typing into an app by hand.</summary>
    public static string Readable(string key) => string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();

    /// <summary>A QR code of the URI as an inline PNG (QRCoder, no System.Drawing).</summary>
    public static string QrDataUri(string uri)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCoder.QRCodeGenerator.ECCLevel.Q);
        var png = new QRCoder.PngByteQRCode(data).GetGraphic(5);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }

    public static string StripCode(string? code) => (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();

    /// <summary>Turns two-factor sign-in on once <paramref name="code"/> proves the app has the key; returns the recovery codes (shown once), or null.</summary>
    public static async Task<IReadOnlyList<string>?> EnableAsync(UserManager<ApplicationUser> users, ApplicationUser user, string? code)
    {
        var valid = await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, StripCode(code));
        if (!valid) return null;
        await users.SetTwoFactorEnabledAsync(user, true);
        foreach (var reset in (await users.GetClaimsAsync(user)).Where(c => c.Type == ResetClaim).ToList()) await users.RemoveClaimAsync(user, reset);
        return (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList() ?? [];
    }
}
