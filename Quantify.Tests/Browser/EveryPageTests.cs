using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Quantify.Domain.Family;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Family;

namespace Quantify.Tests.Browser;

/// <summary>
/// Every page of every role, at a laptop (1366 × 900) and a phone (390 × 844): the page is never wider than the screen,
/// no console error, no failed request, no code name (HotWater, TopUp, ManagingAgent …) in the text, and axe-core finds
/// no serious or critical accessibility violation at either size. One sign-in per role; pages are reached by client-side navigation on the same circuit (as from the menu) and each is measured at both sizes.
/// Screenshots of every page go to artifacts/screenshots/pages/. All findings are reported together.
/// </summary>
[Collection("browser")]
public partial class EveryPageTests(BrowserFixture fixture)
{
    /// <summary>Pages reached from a button on another page rather than from the menu.</summary>
    private static readonly string[] SubPages = ["/agent/levy-schedules"];

    private static readonly ViewportSize Laptop = new() { Width = 1366, Height = 900 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [Fact]
    public async Task EveryPageOfEveryRole_FitsLaptopAndPhone_WithoutErrorsCodeNamesOrSeriousAccessibilityViolations()
    {
        var unit = await fixture.UnitAsync("SLF-A101");
        var groupId = await ParentsGroupAsync();
        var pages = new Dictionary<string, string[]>
        {
            ["tenant"] = ["/tenant", "/tenant/wallet", "/account", "/account/password", "/account/two-factor"],
            ["family"] = ["/family", "/tenant/wallet"],
            ["parent"] = ["/family", $"/family/groups/{groupId}", "/tenant/wallet"],
            ["owner"] = ["/owner", "/tenant/wallet"],
            ["trustee"] = ["/body-corporate", "/body-corporate/levies"],
            ["utility"] = ["/utility"],
            ["agent"] =
            [
                "/agent", $"/agent/units/{unit.Id}", "/agent/arrears", "/agent/levies", "/agent/eft", "/agent/payouts", "/agent/reports", "/agent/import",
                "/agent/webhooks", "/agent/api-keys", "/agent/invitations", $"/agent/units/{unit.Id}/offboard", "/agent/levy-schedules",
            ],
            ["admin"] =
            [
                "/admin", "/admin/estates", $"/admin/estates/{unit.EstateId}", "/admin/units", $"/admin/units/{unit.Id}", "/admin/persons",
                "/admin/meters", "/admin/tariffs", "/admin/gateways", "/admin/commands", "/admin/held-readings", "/admin/dead-letters",
                "/admin/ledger", "/admin/periods", "/admin/reconciliation", "/admin/settlement", "/admin/users", "/admin/integrity", "/admin/jobs", "/admin/audit", "/admin/wall", $"/wall/{unit.EstateId}",
            ],
        };
        var findings = new List<string>();
        var dir = Path.Combine(BrowserFixture.Screenshots, "pages");
        Directory.CreateDirectory(dir);
        foreach (var (role, paths) in pages)
        {
            var page = await fixture.SignInAsync(role, Laptop);
            var errors = new List<string>();
            var menu = await page.EvalOnSelectorAllAsync<string[]>(".mud-navmenu a[href]", "els => els.map(e => e.getAttribute('href'))");
            // Pages with an id are reached from a list; the account's sub-pages from "My account"; levy schedules from Levies.
            foreach (var missing in paths.Where(p => !p.Any(char.IsDigit) && !p.StartsWith("/account/", StringComparison.Ordinal) && !SubPages.Contains(p) && !menu.Contains(p)))
                findings.Add($"{role}: {missing} is not in the menu");
            page.Console += (_, m) => { if (m.Type == "error") errors.Add("console: " + m.Text); };
            page.PageError += (_, e) => errors.Add("page error: " + e);
            page.RequestFailed += (_, r) => errors.Add($"request failed: {r.Method} {r.Url} {r.Failure}");
            page.Response += (_, r) => { if (r.Status >= 400) errors.Add($"HTTP {r.Status}: {r.Url}"); };
            var first = true;
            foreach (var path in paths)
            {
                errors.Clear();
                await page.SetViewportSizeAsync(Laptop.Width, Laptop.Height);
                if (first || path.StartsWith("/wall/", StringComparison.Ordinal))
                {
                    await page.GotoAsync(path);
                    await BrowserFixture.WaitForCircuitAsync(page);
                }
                else
                {
                    // Client-side navigation on the same circuit, as a person clicking the menu: much faster than a reload.
                    await page.EvaluateAsync("url => Blazor.navigateTo(url)", path);
                    await page.WaitForFunctionAsync("p => location.pathname === p", path);
                }
                first = path.StartsWith("/wall/", StringComparison.Ordinal);
                await SettleAsync(page);
                foreach (var size in new[] { Laptop, Phone })
                {
                    if (size == Phone)
                    {
                        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
                        await page.WaitForTimeoutAsync(250);
                    }
                    var where = $"{role} {path} @{size.Width}";
                    var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
                    if (widths[0] > widths[1] + 1) findings.Add($"{where}: page is {widths[0]} px wide for a {widths[1]} px screen ({await WidestAsync(page)})");
                    if (size == Laptop)
                    {
                        var text = await page.InnerTextAsync("body");
                        var names = CodeNames.Where(n => Regex.IsMatch(text, $@"\b{n}\b")).ToList();
                        if (names.Count > 0) findings.Add($"{where}: code names on screen: {string.Join(", ", names)}");
                        foreach (var bad in Unwanted.Where(u => text.Contains(u, StringComparison.Ordinal))) findings.Add($"{where}: shows \"{bad}\"");
                    }
                    // axe-core at both sizes: the phone layout (collapsed menu, stacked cards) is a page of its own.
                    var axe = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
                    foreach (var v in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
                        findings.Add($"{where}: axe {v.Impact} {v.Id} ({v.Help}) at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}");
                    await BrowserFixture.ScreenshotAsync(page, Path.Combine("pages", $"{role}{path.Replace('/', '_')}-{size.Width}"));
                }
                findings.AddRange(errors.Distinct().Select(e => $"{role} {path}: {e}"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(findings.Count == 0, $"{findings.Count} finding(s):\n" + string.Join("\n", findings));
    }

    /// <summary>A wallet group of the demo's parent (two of the units they may top up), so /family/groups/{id} is visited too.</summary>
    private async Task<int> ParentsGroupAsync()
    {
        var services = fixture.App.Services;
        await using var db = await services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        var parent = await db.Users.SingleAsync(u => u.Email == PortalClient.Email("parent"));
        var units = await db.WalletAccessGrants.Where(g => g.PersonId == parent.PersonId && g.RevokedAt == null).Select(g => g.UnitId).OrderBy(u => u).Take(2).ToListAsync();
        var groups = services.GetRequiredService<WalletGroupService>();
        var created = await groups.CreateAsync(parent.Id, "Every-page group", SplitRule.Evenly);
        Assert.True(created.IsSuccess, created.IsFailure ? created.Describe() : null);
        foreach (var u in units) Assert.True((await groups.AddMemberAsync(parent.Id, created.Value, u)).IsSuccess);
        return created.Value;
    }

    /// <summary>Waits until the page has loaded its data (no progress bar) and charts have had a moment to draw.</summary>
    private static async Task SettleAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => !document.querySelector('.mud-progress-linear')", null, new() { Timeout = 10_000 });
        }
        catch (TimeoutException)
        {
            // A page that keeps a progress bar is still checked as it stands.
        }
        await page.WaitForTimeoutAsync(400);
    }

    /// <summary>Text people should never read: file paths, "(s)" plurals, cron expressions.</summary>
    private static readonly string[] Unwanted = ["docs/", ".md", "(s)", "* * ?"];

    /// <summary>Every multi-word enum member and role name of the product, as written in code.</summary>
    private static readonly string[] CodeNames = typeof(Quantify.Domain.Common.Money).Assembly.GetTypes()
        .Concat(typeof(Quantify.Web.Components.Shared.Format).Assembly.GetTypes())
        .Where(t => t.IsEnum && t.Namespace?.StartsWith("Quantify", StringComparison.Ordinal) == true)
        .SelectMany(t => Enum.GetNames(t))
        .Concat(typeof(Quantify.Web.Identity.Roles).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!))
        .Where(n => MultiWord().IsMatch(n) && n is not "PayFast")
        .Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z0-9]*|[0-9]+)+$")]
    private static partial Regex MultiWord();

    /// <summary>The element sticking out furthest to the right, to say what makes a page too wide.</summary>
    private static Task<string> WidestAsync(IPage page) => page.EvaluateAsync<string>("""
        () => {
          const w = document.documentElement.clientWidth; let worst = null, right = w;
          for (const e of document.querySelectorAll('body *')) {
            const r = e.getBoundingClientRect();
            if (r.right > right + 1 && getComputedStyle(e).position !== 'fixed') { right = r.right; worst = e; }
          }
          if (!worst) return 'nothing visible';
          const id = worst.getAttribute('data-testid');
          return `${worst.tagName.toLowerCase()}${id ? '[data-testid=' + id + ']' : ''}.${[...worst.classList].slice(0, 3).join('.')} to ${Math.round(right)} px`;
        }
        """);
}
