using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Notifications;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Accounts;

/// <summary>Helpers for account tests: scopes, form posts through the real pages, links from the mail pickup folder.</summary>
public static partial class AccountTestKit
{
    public const string NewPassword = "Fresh!Password2027";

    public static async Task<UserScope> ScopeOfAsync(TestApp app, string email)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ScopeService>().LoadAsync(id);
    }

    public static async Task<(int Silverleaf, int Harbour)> EstatesAsync(TestApp app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var estates = await db.Estates.ToDictionaryAsync(e => e.Name, e => e.Id);
        return (estates["Silverleaf Estate"], estates["Harbour View Residences"]);
    }

    /// <summary>A unit of the estate that has no current owner on record (or the first one).</summary>
    public static async Task<int> UnitWithoutOwnerAsync(TestApp app, int estateId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var owned = await db.Ownerships.Where(o => o.EndDate == null).Select(o => o.UnitId).ToListAsync();
        var vacant = await db.Units.Where(u => u.EstateId == estateId && !owned.Contains(u.Id)).OrderBy(u => u.Id).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        if (vacant is int id) return id;
        // Every demo unit has an owner: the last one's owner sold it yesterday.
        // (never one of the demo owner's, whose portfolio other tests count)
        var demoOwner = PortalClient.Email("owner");
        var demoOwned = await db.Ownerships.Where(o => o.EndDate == null && o.Person.Email == demoOwner).Select(o => o.UnitId).ToListAsync();
        var last = await db.Units.Where(u => u.EstateId == estateId && !demoOwned.Contains(u.Id)).OrderByDescending(u => u.Id).Select(u => u.Id).FirstAsync();
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        foreach (var o in await db.Ownerships.Where(o => o.UnitId == last && o.EndDate == null).ToListAsync())
            Assert.True(o.End(yesterday).IsSuccess);
        await db.SaveChangesAsync();
        return last;
    }

    public static async Task<int> UnitWithOwnerAsync(TestApp app, int estateId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Ownerships.Where(o => o.EndDate == null && db.Units.Any(u => u.Id == o.UnitId && u.EstateId == estateId)).Select(o => o.UnitId).FirstAsync();
    }

    /// <summary>The newest mail to <paramref name="to"/> in the pickup folder.</summary>
    public static MimeMessage? LastMailTo(TestApp app, string to)
    {
        var pickup = app.Services.GetRequiredService<NotificationOptions>().PickupDirectory!;
        if (!Directory.Exists(pickup)) return null;
        return Directory.GetFiles(pickup, "*.eml").Select(f => (File: f, Mail: MimeMessage.Load(f)))
            .Where(m => m.Mail.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => File.GetLastWriteTimeUtc(m.File)).Select(m => m.Mail).LastOrDefault();
    }

    /// <summary>The path and query of the first portal link in a mail (the host is the configured public address).</summary>
    public static string PathOfLink(MimeMessage mail, string path)
    {
        var m = Regex.Match(mail.TextBody ?? "", "https?://[^/\\s]+(" + Regex.Escape(path) + "\\?\\S+)");
        Assert.True(m.Success, $"No {path} link in: {mail.TextBody}");
        return m.Groups[1].Value;
    }

    public static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>Fills a static form of a page (antiforgery token from the page) and posts it to the same address.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(url);
        var token = Antiforgery().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), $"{url} has no form: {page[..Math.Min(400, page.Length)]}");
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    public static async Task<HttpResponseMessage> AcceptAsync(HttpClient client, string link, string password = NewPassword) =>
        await PostFormAsync(client, PathOf(link), "accept-access", new() { ["Input.Token"] = Token(link), ["Input.Password"] = password, ["Input.Confirm"] = password });

    public static string Token(string link) => Uri.UnescapeDataString(Regex.Match(link, "token=([^&\\s]+)").Groups[1].Value);

    /// <summary>Signs in with a password, then (if asked) the authenticator code from <paramref name="key"/>.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? key)
    {
        return await PortalClient.LoginAsync(client, email, password, key);
    }

    /// <summary>Enrols the signed-in client's login in two-factor sign-in through the page; returns the key and the recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(TwoFactorRules.EnrolPath));
        var key = Regex.Match(page, "data-key=\"([A-Z2-7]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), "No authenticator key on the enrolment page.");
        Assert.Contains("data:image/png;base64,", page, StringComparison.Ordinal);
        var done = await PostFormAsync(client, TwoFactorRules.EnrolPath, "enable-2fa", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        var html = WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync());
        var codes = Regex.Match(html, "<ul class=\"q-recovery-codes\" id=\"recovery-codes\">(.*?)</ul>", RegexOptions.Singleline).Groups[1].Value;
        var list = Regex.Matches(codes, "<li>([^<]+)</li>").Select(m => m.Groups[1].Value.Trim()).ToList();
        Assert.Equal(TwoFactorRules.RecoveryCodeCount, list.Count);
        return (key, list);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
