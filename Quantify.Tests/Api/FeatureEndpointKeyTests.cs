using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Features.ApiKeys;
using static Quantify.Tests.Api.ApiTestKit;

namespace Quantify.Tests.Api;

/// <summary>
/// The agent-tool endpoints integrations call (onboarding, reports) take an X-Api-Key as well as the portal cookie: the
/// key needs the endpoint's permission, and a key narrowed to some estates reaches only those.
/// </summary>
public class FeatureEndpointKeyTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private TestApp App => fixture.App;

    private static StringContent EmptyJson() => new("{}", Encoding.UTF8, "application/json");

    [Fact]
    public async Task ArrearsReport_ByKey_NeedsReadReports_AndStaysInTheAgentsEstate()
    {
        var silverleaf = await EstateIdAsync(App, Silverleaf);
        var harbour = await EstateIdAsync(App, Harbour);

        using var reader = KeyClient(App, (await CreateKeyAsync(App, "agent", [ApiPermissions.ReadReports])).Key);
        var report = await GetJsonAsync(reader, $"/api/v1/reports/arrears?estateId={silverleaf}");
        Assert.Equal(System.Text.Json.JsonValueKind.Object, report.ValueKind);
        var other = await reader.GetAsync($"/api/v1/reports/arrears?estateId={harbour}");
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);

        using var noPermission = KeyClient(App, (await CreateKeyAsync(App, "agent", [ApiPermissions.ReadUnits])).Key);
        var refused = await noPermission.GetAsync($"/api/v1/reports/arrears?estateId={silverleaf}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task AnAdminKeyNarrowedToOneEstate_CannotReadAnotherEstatesReports()
    {
        var silverleaf = await EstateIdAsync(App, Silverleaf);
        var harbour = await EstateIdAsync(App, Harbour);
        using var narrowed = KeyClient(App, (await CreateKeyAsync(App, "admin", [ApiPermissions.ReadReports], estates: [silverleaf])).Key);

        Assert.Equal(HttpStatusCode.OK, (await narrowed.GetAsync($"/api/v1/reports/financial?estateId={silverleaf}&month=2026-11")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await narrowed.GetAsync($"/api/v1/reports/financial?estateId={harbour}&month=2026-11")).StatusCode);
    }

    [Fact]
    public async Task Onboarding_ByKey_NeedsWriteOnboarding_AndAUnitOfTheKeysEstates()
    {
        var silverleaf = await EstateIdAsync(App, Silverleaf);
        var harbour = await EstateIdAsync(App, Harbour);
        var silverleafUnit = await DbAsync(App, db => db.Units.Where(u => u.EstateId == silverleaf).Select(u => u.Id).FirstAsync());
        var harbourUnit = await DbAsync(App, db => db.Units.Where(u => u.EstateId == harbour).Select(u => u.Id).FirstAsync());

        using var readOnly = KeyClient(App, (await CreateKeyAsync(App, "agent", AllRead)).Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await readOnly.PostAsync($"/api/v1/units/{silverleafUnit}/onboard-tenant", EmptyJson())).StatusCode);

        using var writer = KeyClient(App, (await CreateKeyAsync(App, "agent", [ApiPermissions.WriteOnboarding])).Key);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsync($"/api/v1/units/{harbourUnit}/onboard-tenant", EmptyJson())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await writer.PostAsync($"/api/v1/units/{harbourUnit}/offboard-tenant", EmptyJson())).StatusCode);

        // In scope and permitted: the key gets past authorisation to the request's own validation (an empty request).
        var invalid = await writer.PostAsync($"/api/v1/units/{silverleafUnit}/onboard-tenant", EmptyJson());
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.True(invalid.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{(int)invalid.StatusCode}: {body}");
        Assert.True(IsProblem(invalid), body);
    }
}
