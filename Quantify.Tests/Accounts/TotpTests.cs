using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Identity;

namespace Quantify.Tests.Accounts;

/// <summary>Authenticator codes against RFC 6238 Appendix B (SHA1, secret "12345678901234567890", 8 digits), and against ASP.NET Identity's own verifier.</summary>
public sealed class TotpTests
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_MatchesRfc6238AppendixB(long unixSeconds, string expected) =>
        Assert.Equal(expected, Totp.Code(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(unixSeconds), digits: 8));

    [Fact]
    public void SixDigitCode_IsTheLastSixOfTheRfcValue_AndTheDemoKeyIsTheRfcSecretInBase32()
    {
        Assert.Equal("287082", Totp.Code(RfcSecret, DateTimeOffset.FromUnixTimeSeconds(59)));
        Assert.Equal(RfcSecret, Base32.Decode(DemoAuthenticator.Key));
        Assert.Equal(DemoAuthenticator.Key, Base32.Encode(RfcSecret));
        Assert.Equal("287082", Totp.Code(DemoAuthenticator.Key, DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    [Fact]
    public async Task IdentityVerifier_AcceptsTheCurrentCode_AndRefusesAnOldOrWrongOne()
    {
        await using var app = await TestApp.StartAsync(demo: true);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = (await users.FindByEmailAsync(PortalClient.Email("admin")))!;
        Assert.True(await users.GetTwoFactorEnabledAsync(admin));
        var provider = users.Options.Tokens.AuthenticatorTokenProvider;
        Assert.True(await users.VerifyTwoFactorTokenAsync(admin, provider, Totp.Code(DemoAuthenticator.Key, DateTimeOffset.UtcNow)));
        Assert.False(await users.VerifyTwoFactorTokenAsync(admin, provider, Totp.Code(DemoAuthenticator.Key, DateTimeOffset.UtcNow.AddMinutes(-10))));
        var wrong = ((int.Parse(Totp.Code(DemoAuthenticator.Key, DateTimeOffset.UtcNow), System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(await users.VerifyTwoFactorTokenAsync(admin, provider, wrong));
    }
}
