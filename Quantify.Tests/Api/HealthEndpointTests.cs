using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Features.Health;

namespace Quantify.Tests.Api;

/// <summary>/health: anyone learns up or down; only an admin or the orchestrator's token learns what is behind it.</summary>
public class HealthEndpointTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private static async Task<JsonElement> HealthAsync(HttpClient client)
    {
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Anonymous_GetsTheStatusOnly_NoProviderNorEstateCount()
    {
        using var client = fixture.App.CreateClient();
        var body = await HealthAsync(client);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal(["status"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("agent")]
    public async Task SignedInNonAdmins_GetTheStatusOnly(string login)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        Assert.False((await HealthAsync(client)).TryGetProperty("checks", out _));
    }

    [Fact]
    public async Task AnAdmin_GetsEachChecksDetails()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "admin");
        var database = (await HealthAsync(client)).GetProperty("checks").GetProperty("database");
        Assert.Equal("Sqlite", database.GetProperty("data").GetProperty("provider").GetString());
        Assert.True(database.GetProperty("data").GetProperty("estates").GetInt32() >= 2);
    }

    [Fact]
    public async Task AWrongOrMissingToken_GetsTheStatusOnly()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Health:DetailsToken"] = new string('k', 40) });
        using var wrong = app.CreateClient();
        wrong.DefaultRequestHeaders.Add("X-Health-Token", new string('k', 39) + "x");
        Assert.False((await HealthAsync(wrong)).TryGetProperty("checks", out _));
        using var empty = app.CreateClient();
        empty.DefaultRequestHeaders.Add("X-Health-Token", "");
        Assert.False((await HealthAsync(empty)).TryGetProperty("checks", out _));
        using var right = app.CreateClient();
        right.DefaultRequestHeaders.Add("X-Health-Token", new string('k', 40));
        Assert.True((await HealthAsync(right)).TryGetProperty("checks", out _));
    }

    [Fact]
    public void AShortToken_IsRefusedAtStartUp_NamingTheSetting()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Health:DetailsToken"] = "short" }).Build();
        var error = Assert.Throws<InvalidOperationException>(() => HealthResponse.Bind(config));
        Assert.Contains("Health:DetailsToken", error.Message, StringComparison.Ordinal);
    }
}
