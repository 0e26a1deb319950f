using System.Net;
using System.Text.RegularExpressions;

namespace Quantify.Tests.Infrastructure;

/// <summary>Signs in through the real login form (antiforgery token and all), like a browser without JavaScript.</summary>
public static partial class PortalClient
{
    public const string Password = Quantify.Web.Demo.DemoSeeder.Password;

    public static string Email(string local) => $"{local}@{Quantify.Web.Demo.DemoSeeder.Domain}";

    /// <summary>Posts the sign-in form; when the login asks for a code, answers with the TOTP of <paramref name="authenticatorKey"/> (the demo key by default; null: stop at the code page).</summary>
    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password = Password, string? authenticatorKey = Quantify.Web.Identity.DemoAuthenticator.Key)
    {
        var page = await client.GetStringAsync("/login");
        var token = Token().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The login form has no antiforgery token.");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync("/login", form);
        return authenticatorKey is null ? response : await CompleteTwoFactorAsync(client, response, authenticatorKey);
    }

    /// <summary>
    /// When the password was right and the login has two-factor sign-in (the demo's admin, agent and utility logins),
    /// enters the authenticator code computed from <paramref name="authenticatorKey"/>, as the app on a phone would.
    /// </summary>
    public static async Task<HttpResponseMessage> CompleteTwoFactorAsync(HttpClient client, HttpResponseMessage response, string authenticatorKey)
    {
        var location = response.Headers.Location?.ToString();
        if (location is null || !location.StartsWith(Quantify.Web.Identity.TwoFactorRules.LoginPath, StringComparison.Ordinal)) return response;
        var page = await client.GetStringAsync(location);
        var token = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login-2fa",
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = Quantify.Web.Identity.Totp.Code(authenticatorKey, DateTimeOffset.UtcNow),
        }));
    }

    public static async Task<HttpClient> SignedInAsync(TestApp app, string local)
    {
        var client = app.CreateClient();
        var response = await LoginAsync(client, Email(local));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static string Decode(string html) => WebUtility.HtmlDecode(html);

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
