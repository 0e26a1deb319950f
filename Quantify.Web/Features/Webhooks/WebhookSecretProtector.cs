using Microsoft.AspNetCore.DataProtection;

namespace Quantify.Web.Features.Webhooks;

/// <summary>
/// Webhook signing secrets at rest: encrypted with ASP.NET Core Data Protection (the key ring is kept in the database,
/// so every instance can decrypt). A stored value starts with <see cref="Prefix"/>; a value without it is a clear-text
/// secret from before encryption, which <see cref="WebhookSecretMigration"/> encrypts at start-up.
/// </summary>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    public const string Prefix = "dp1:";
    private readonly IDataProtector protector = provider.CreateProtector("Quantify.Webhooks.SigningSecret.v1");

    public static bool IsProtected(string stored) => stored.StartsWith(Prefix, StringComparison.Ordinal);

    public string Protect(string secret) => Prefix + protector.Protect(secret);

    /// <summary>The secret to sign with (a clear-text value not yet migrated is returned as is).</summary>
    public string Unprotect(string stored) => IsProtected(stored) ? protector.Unprotect(stored[Prefix.Length..]) : stored;

    /// <summary>The first characters after "whsec_", so a subscriber can tell which secret is meant; never enough to sign.</summary>
    public static string Hint(string secret) => secret.Length >= 10 ? secret[..10] + "…" : "…";
}
