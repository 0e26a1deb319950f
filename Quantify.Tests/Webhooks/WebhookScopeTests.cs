using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;
using Quantify.Web.Features.Webhooks;

namespace Quantify.Tests.Webhooks;

/// <summary>The demo's agent manages Silverleaf only: Harbour View's subscriptions and deliveries are out of reach, through the API and the page.</summary>
public class WebhookScopeTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<(int Silverleaf, int Harbour)> EstatesAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return (await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync(),
            await db.Estates.Where(e => e.Name == "Harbour View Residences").Select(e => e.Id).SingleAsync());
    }

    private static object Request(int estateId) => new { estateId, targetUrl = "https://hooks.example.co.za/quantify", events = new[] { "wallet.topup", "meter.offline" } };

    [Fact]
    public async Task AnAgent_CannotSubscribeForAnotherEstate_NorSeeItsDeliveries()
    {
        var (silverleaf, harbour) = await EstatesAsync();
        using var admin = await PortalClient.SignedInAsync(fixture.App, "admin");
        var harbourSub = await admin.PostAsJsonAsync("/api/v1/webhooks/subscriptions", Request(harbour));
        Assert.Equal(HttpStatusCode.Created, harbourSub.StatusCode);
        var harbourSubId = (await harbourSub.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var ping = await admin.PostAsync($"/api/v1/webhooks/subscriptions/{harbourSubId}/ping", null);
        Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        var harbourDelivery = (await ping.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deliveryId").GetInt64();

        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var refused = await agent.PostAsJsonAsync("/api/v1/webhooks/subscriptions", Request(harbour));
        Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{(int)refused.StatusCode} {await refused.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/webhooks/deliveries?estateId={harbour}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/v1/webhooks/subscriptions?estateId={harbour}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync($"/api/v1/webhooks/deliveries/{harbourDelivery}/redeliver", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.DeleteAsync($"/api/v1/webhooks/subscriptions/{harbourSubId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.PostAsync($"/api/v1/webhooks/subscriptions/{harbourSubId}/ping", null)).StatusCode);

        // Their own estate works, and shows only their own subscription.
        var own = await agent.PostAsJsonAsync("/api/v1/webhooks/subscriptions", Request(silverleaf));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var secret = (await own.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var list = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions?estateId={silverleaf}");
        Assert.All(list.EnumerateArray(), s => Assert.Equal(silverleaf, s.GetProperty("estateId").GetInt32()));
        Assert.DoesNotContain(secret, list.GetRawText(), StringComparison.Ordinal);
        var deliveries = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/deliveries?estateId={silverleaf}");
        Assert.DoesNotContain(deliveries.EnumerateArray(), d => d.GetProperty("id").GetInt64() == harbourDelivery);

        // The page lists only the estates the agent manages.
        var page = PortalClient.Decode(await agent.GetStringAsync("/agent/webhooks"));
        Assert.Contains("Silverleaf Estate", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Harbour View", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Residents_AreRefusedTheWebhookApiAndPage_AdminsReachBoth()
    {
        var (silverleaf, _) = await EstatesAsync();
        using var tenant = await PortalClient.SignedInAsync(fixture.App, "tenant");
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.GetAsync($"/api/v1/webhooks/deliveries?estateId={silverleaf}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await tenant.PostAsJsonAsync("/api/v1/webhooks/subscriptions", Request(silverleaf))).StatusCode);
        var page = await tenant.GetAsync("/agent/webhooks");
        Assert.Contains("/access-denied", page.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        using var admin = await PortalClient.SignedInAsync(fixture.App, "admin");
        var html = PortalClient.Decode(await admin.GetStringAsync("/agent/webhooks"));
        Assert.Contains("Harbour View Residences", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInsecureTarget_IsRefusedWithTheRule()
    {
        var (silverleaf, _) = await EstatesAsync();
        using var agent = await PortalClient.SignedInAsync(fixture.App, "agent");
        var r = await agent.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new { estateId = silverleaf, targetUrl = "http://hooks.example.co.za/q", events = new[] { "wallet.topup" } });
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Contains("must use https://", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(WebhookEvents.All.Count, (await agent.GetFromJsonAsync<string[]>("/api/v1/webhooks/events"))!.Length);
    }
}
