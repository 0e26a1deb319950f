using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Features.ApiKeys;
using static Quantify.Tests.Api.ApiTestKit;

namespace Quantify.Tests.Api;

public class PublicApiTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task AgentKey_ReadsOnlyTheAgentsEstate()
    {
        var key = await CreateKeyAsync(App, "agent");
        using var client = KeyClient(App, key.Key);
        var silverleaf = await EstateIdAsync(App, Silverleaf);
        var silverleafUnits = await DbAsync(App, db => db.Units.Where(u => u.EstateId == silverleaf).Select(u => u.Id).ToListAsync());

        var estates = await GetJsonAsync(client, "/api/v1/estates");
        Assert.Equal([Silverleaf], Items(estates).Select(e => e.GetProperty("name").GetString()));

        var units = await GetJsonAsync(client, "/api/v1/units?pageSize=500");
        Assert.Equal(silverleafUnits.Count, units.GetProperty("totalCount").GetInt32());
        Assert.Equal(silverleafUnits.Order(), Items(units).Select(u => u.GetProperty("id").GetInt32()).Order());

        var meters = await GetJsonAsync(client, "/api/v1/meters?pageSize=500");
        Assert.NotEmpty(Items(meters));
        Assert.All(Items(meters), m => Assert.Equal(silverleaf, m.GetProperty("estateId").GetInt32()));

        var wallets = await GetJsonAsync(client, "/api/v1/wallets?pageSize=500");
        Assert.NotEmpty(Items(wallets));
        Assert.All(Items(wallets), w =>
        {
            Assert.Contains(w.GetProperty("unitId").GetInt32(), silverleafUnits);
            Assert.Equal(JsonValueKind.Number, w.GetProperty("totalBalance").ValueKind);
            Assert.Contains(w.GetProperty("pockets").EnumerateArray(), p => p.GetProperty("pocket").GetString() == "Electricity");
        });

        var transactions = await GetJsonAsync(client, "/api/v1/transactions?pageSize=500");
        Assert.NotEmpty(Items(transactions));
        Assert.All(Items(transactions).SelectMany(t => t.GetProperty("lines").EnumerateArray()), l => Assert.Contains(l.GetProperty("unitId").GetInt32(), silverleafUnits));
        var posted = Items(transactions).First().GetProperty("postedAt").GetString()!;
        Assert.True(DateTimeOffset.TryParseExact(posted, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", null, System.Globalization.DateTimeStyles.None, out _), $"postedAt '{posted}' is not ISO-8601 with an offset");

        var persons = await GetJsonAsync(client, "/api/v1/persons?pageSize=500");
        Assert.NotEmpty(Items(persons));
        Assert.All(Items(persons), p => Assert.False(p.TryGetProperty("idNumber", out _), "ID numbers are never returned"));
        Assert.All(Items(persons).SelectMany(p => p.GetProperty("occupancies").EnumerateArray()), o => Assert.Contains(o.GetProperty("unitId").GetInt32(), silverleafUnits));
    }

    [Fact]
    public async Task AgentKey_AnotherEstatesIds_AreNotFound_WhileAnAdminKeyReadsThem()
    {
        var harbour = await EstateIdAsync(App, Harbour);
        var harbourUnit = await DbAsync(App, db => db.Units.Where(u => u.EstateId == harbour).Select(u => u.Id).FirstAsync());
        var harbourMeter = await DbAsync(App, db => db.Meters.Where(m => m.EstateId == harbour).Select(m => m.Id).FirstAsync());
        string[] urls =
        [
            $"/api/v1/units/{harbourUnit}", $"/api/v1/estates/{harbour}", $"/api/v1/units?estateId={harbour}", $"/api/v1/meters?unitId={harbourUnit}",
            $"/api/v1/wallets?unitId={harbourUnit}", $"/api/v1/transactions?unitId={harbourUnit}", $"/api/v1/readings?meterId={harbourMeter}",
            $"/api/v1/persons?estateId={harbour}",
        ];
        using var agent = KeyClient(App, (await CreateKeyAsync(App, "agent")).Key);
        foreach (var url in urls)
        {
            var response = await agent.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            Assert.True(IsProblem(response), $"{url}: not a problem body");
        }
        using var admin = KeyClient(App, (await CreateKeyAsync(App, "admin")).Key);
        foreach (var url in urls)
            Assert.True((await admin.GetAsync(url)).StatusCode == HttpStatusCode.OK, $"admin {url}");
    }

    [Fact]
    public async Task AnAdminKeyNarrowedToOneEstate_ReadsOnlyThatEstate()
    {
        var harbour = await EstateIdAsync(App, Harbour);
        var silverleaf = await EstateIdAsync(App, Silverleaf);
        var silverleafUnit = await DbAsync(App, db => db.Units.Where(u => u.EstateId == silverleaf).Select(u => u.Id).FirstAsync());
        using var client = KeyClient(App, (await CreateKeyAsync(App, "admin", estates: [harbour])).Key);
        Assert.Equal([Harbour], Items(await GetJsonAsync(client, "/api/v1/estates")).Select(e => e.GetProperty("name").GetString()));
        Assert.All(Items(await GetJsonAsync(client, "/api/v1/units?pageSize=500")), u => Assert.Equal(harbour, u.GetProperty("estateId").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/units/{silverleafUnit}")).StatusCode);
    }

    [Fact]
    public async Task AnAgentCannotNarrowAKeyToAnEstateTheyDoNotManage_NorCanATenantCreateKeys()
    {
        var harbour = await EstateIdAsync(App, Harbour);
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var agent = await keys.CreateAsync(await ScopeOfAsync(App, "agent"), new NewApiKey("x", AllRead, [harbour], DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Contains(agent.Errors, e => e.Code == "estate_out_of_scope" && e.Message.Contains($"#{harbour}", StringComparison.Ordinal));
        var tenant = await keys.CreateAsync(await ScopeOfAsync(App, "tenant"), new NewApiKey("x", AllRead, [], DateTimeOffset.UtcNow.AddDays(1)));
        Assert.Contains(tenant.Errors, e => e.Code == "not_allowed");
        var bad = await keys.CreateAsync(await ScopeOfAsync(App, "agent"), new NewApiKey(" ", ["read:everything"], [], DateTimeOffset.UtcNow.AddYears(5)));
        Assert.Equal(["name_required", "unknown_permission", "expiry_too_far"], bad.Errors.Select(e => e.Code));
    }

    [Fact]
    public async Task RevokedKey_Is401_SayingItWasRevoked()
    {
        var key = await CreateKeyAsync(App, "agent");
        using var client = KeyClient(App, key.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/estates")).StatusCode);
        var revoked = await App.Services.GetRequiredService<ApiKeyService>().RevokeAsync(await ScopeOfAsync(App, "agent"), key.Id);
        Assert.True(revoked.IsSuccess, revoked.Describe());
        var problem = await JsonAsync(await client.GetAsync("/api/v1/estates"), HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredKey_Is401_SayingItExpired()
    {
        var key = await CreateKeyAsync(App, "agent");
        await DbAsync(App, db => db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1))));
        using var client = KeyClient(App, key.Key);
        var problem = await JsonAsync(await client.GetAsync("/api/v1/units"), HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-a-key", "not a Quantify API key")]
    [InlineData("qk_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Unknown API key")]
    public async Task UnknownOrMalformedKey_Is401(string presented, string reason)
    {
        using var client = KeyClient(App, presented);
        var problem = await JsonAsync(await client.GetAsync("/api/v1/units"), HttpStatusCode.Unauthorized);
        Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyWithTheRightSecretButAnotherPrefix_IsUnknown()
    {
        var a = await CreateKeyAsync(App, "agent");
        var b = await CreateKeyAsync(App, "agent");
        Assert.True(ApiKeyService.TryParse(a.Key, out var prefixA, out _));
        Assert.True(ApiKeyService.TryParse(b.Key, out _, out var secretB));
        using var client = KeyClient(App, $"qk_{prefixA}_{secretB}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/units")).StatusCode);
    }

    [Fact]
    public async Task MissingPermission_Is403_NamingThePermission()
    {
        using var client = KeyClient(App, (await CreateKeyAsync(App, "agent", [ApiPermissions.ReadUnits])).Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/units")).StatusCode);
        var problem = await JsonAsync(await client.GetAsync("/api/v1/wallets"), HttpStatusCode.Forbidden);
        Assert.Contains("read:wallets", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheKeyIsNotStoredInPlainText()
    {
        var created = await CreateKeyAsync(App, "agent", name: "hash check");
        Assert.True(ApiKeyService.TryParse(created.Key, out var prefix, out var secret));
        var rows = await DbAsync(App, async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM ApiKeys WHERE Prefix = $p";
            var p = command.CreateParameter();
            p.ParameterName = "$p";
            p.Value = prefix;
            command.Parameters.Add(p);
            await using var reader = await command.ExecuteReaderAsync();
            var values = new List<string>();
            while (await reader.ReadAsync())
                for (var i = 0; i < reader.FieldCount; i++) values.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
            return values;
        });
        Assert.NotEmpty(rows);
        Assert.DoesNotContain(rows, v => v.Contains(secret, StringComparison.Ordinal));
        Assert.Contains(ApiKeyService.Hash(secret), rows);
    }

    [Fact]
    public async Task LastUsed_IsRecorded_AndAnAgentListsOnlyTheirOwnKeys()
    {
        var agentKey = await CreateKeyAsync(App, "agent", name: "agent-listed");
        var adminKey = await CreateKeyAsync(App, "admin", name: "admin-listed");
        using var client = KeyClient(App, agentKey.Key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/estates")).StatusCode);
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var agentView = await keys.ListAsync(await ScopeOfAsync(App, "agent"));
        Assert.NotNull(agentView.Single(k => k.Id == agentKey.Id).LastUsedAt);
        Assert.DoesNotContain(agentView, k => k.Id == adminKey.Id);
        Assert.Contains(await keys.ListAsync(await ScopeOfAsync(App, "admin")), k => k.Id == agentKey.Id);
        var revoke = await keys.RevokeAsync(await ScopeOfAsync(App, "agent"), adminKey.Id);
        Assert.Contains(revoke.Errors, e => e.Code == "not_found");
    }

    [Fact]
    public async Task AKeyNeverReachesPortalPages()
    {
        using var client = KeyClient(App, (await CreateKeyAsync(App, "agent")).Key);
        var response = await client.GetAsync("/agent");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_IsConsistent_AndBadPagingIsExplained()
    {
        using var client = KeyClient(App, (await CreateKeyAsync(App, "admin")).Key);
        var first = await GetJsonAsync(client, "/api/v1/units?page=1&pageSize=5");
        var second = await GetJsonAsync(client, "/api/v1/units?page=2&pageSize=5");
        Assert.Equal(2, second.GetProperty("page").GetInt32());
        Assert.Equal(5, second.GetProperty("pageSize").GetInt32());
        Assert.Equal(first.GetProperty("totalCount").GetInt32(), second.GetProperty("totalCount").GetInt32());
        Assert.Equal(5, Items(second).Count());
        Assert.Empty(Items(first).Select(u => u.GetProperty("id").GetInt32()).Intersect(Items(second).Select(u => u.GetProperty("id").GetInt32())));
        var tooBig = await JsonAsync(await client.GetAsync("/api/v1/units?pageSize=501"), HttpStatusCode.BadRequest);
        Assert.Contains("pageSize must be from 1 to 500", tooBig.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var noMeter = await JsonAsync(await client.GetAsync("/api/v1/readings"), HttpStatusCode.BadRequest);
        Assert.Contains("meterId is required", noMeter.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATenantSignedIn_SeesOnlyTheirUnitAndThemselves()
    {
        using var client = await PortalClient.SignedInAsync(App, "tenant");
        var scope = await ScopeOfAsync(App, "tenant");
        var units = await GetJsonAsync(client, "/api/v1/units");
        Assert.Equal(scope.TenantUnits.Order(), Items(units).Select(u => u.GetProperty("id").GetInt32()).Order());
        var persons = await GetJsonAsync(client, "/api/v1/persons");
        Assert.Equal(1, persons.GetProperty("totalCount").GetInt32());
        Assert.Equal("tenant@demo.quantify.co.za", Items(persons).Single().GetProperty("email").GetString());
        var wallets = await GetJsonAsync(client, "/api/v1/wallets");
        Assert.All(Items(wallets), w => Assert.Contains(w.GetProperty("unitId").GetInt32(), scope.TenantUnits));
    }

    [Theory]
    [InlineData("trustee")]
    [InlineData("utility")]
    public async Task RolesOutsideTheApi_AreForbidden(string login)
    {
        using var client = await PortalClient.SignedInAsync(App, login);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/units")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_Is401_WithAProblemBody()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync("/api/v1/units");
        var problem = await JsonAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocument_ListsTheApiAndTheKeyScheme()
    {
        using var client = App.CreateClient();
        var doc = await GetJsonAsync(client, "/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/v1/estates", "/api/v1/units", "/api/v1/units/{unitId}", "/api/v1/persons", "/api/v1/meters", "/api/v1/wallets", "/api/v1/transactions", "/api/v1/readings" })
            Assert.Contains(path, paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/api/payments", StringComparison.Ordinal) || p.Contains("/gateways/", StringComparison.Ordinal));
        var scheme = doc.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());
        var units = doc.GetProperty("paths").GetProperty("/api/v1/units").GetProperty("get");
        Assert.Contains(units.GetProperty("security").EnumerateArray(), s => s.TryGetProperty("ApiKey", out var scopes) && scopes.EnumerateArray().Any(x => x.GetString() == "read:units"));
    }

    [Fact]
    public async Task TheKeysPage_ShowsAnAgentTheirOwnKeysOnly_AndRefusesTenants()
    {
        await CreateKeyAsync(App, "agent", name: "agent-page-key");
        await CreateKeyAsync(App, "admin", name: "admin-page-key");
        using var agent = await PortalClient.SignedInAsync(App, "agent");
        var response = await agent.GetAsync("/agent/api-keys");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = PortalClient.Decode(await response.Content.ReadAsStringAsync());
        Assert.Contains("agent-page-key", html, StringComparison.Ordinal);
        Assert.DoesNotContain("admin-page-key", html, StringComparison.Ordinal);
        using var admin = await PortalClient.SignedInAsync(App, "admin");
        var adminHtml = PortalClient.Decode(await admin.GetStringAsync("/agent/api-keys"));
        Assert.Contains("agent-page-key", adminHtml, StringComparison.Ordinal);
        Assert.Contains("admin-page-key", adminHtml, StringComparison.Ordinal);
        using var tenant = await PortalClient.SignedInAsync(App, "tenant");
        var refused = await tenant.GetAsync("/agent/api-keys");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/access-denied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReferencePage_Answers()
    {
        using var client = App.CreateClient(allowRedirects: true);
        var response = await client.GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Quantify API</title>", html, StringComparison.Ordinal);
    }
}

public sealed class RateLimitTests : IAsyncLifetime
{
    private TestApp app = null!;

    public async Task InitializeAsync() =>
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Api:RateLimit:PermitsPerMinute"] = "3" });

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task TheFourthCallInAMinute_Is429_WithRetryAfter_WhileAnotherKeyStillGetsThrough()
    {
        using var client = KeyClient(app, (await CreateKeyAsync(app, "agent")).Key);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/estates")).StatusCode);
        var limited = await client.GetAsync("/api/v1/estates");
        var problem = await JsonAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.True(IsProblem(limited));
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains("Retry after", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var other = KeyClient(app, (await CreateKeyAsync(app, "agent")).Key);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/estates")).StatusCode);
    }
}
