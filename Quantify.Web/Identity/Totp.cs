using System.Security.Cryptography;

namespace Quantify.Web.Identity;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP, HMAC-SHA1, 30-second steps), as authenticator apps
/// compute them. ASP.NET Identity's <c>AuthenticatorTokenProvider</c> verifies the codes people type; this computes
/// them where Quantify itself must (the portal benchmark signing in as its seeded agent; tests check it against the
/// RFC's Appendix B vectors).
/// </summary>
public static class Totp
{
    public static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    public static string Code(byte[] key, DateTimeOffset at, int digits = 6)
    {
        var counter = at.ToUnixTimeSeconds() / (long)Step.TotalSeconds;
        Span<byte> message = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(message, counter);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, message, hash);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulo = (int)Math.Pow(10, digits);
        return (binary % modulo).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>The code for an authenticator key as Identity stores it (Base32, RFC 4648, no padding).</summary>
    public static string Code(string base32Key, DateTimeOffset at) => Code(Base32.Decode(base32Key), at);
}
