using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;

namespace Quantify.Tests.Statements;

/// <summary>GET /api/v1/units/{unit}/statements/{yyyy}/{MM}.pdf on the demo: who gets a PDF, who is refused.</summary>
public class StatementEndpointTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<int> UnitAsync(string reference)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Units.Where(u => u.PaymentReference == reference).Select(u => u.Id).SingleAsync();
    }

    private DateOnly ThisMonth()
    {
        var now = TimeZoneInfo.ConvertTime(fixture.App.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Africa/Johannesburg"));
        return new DateOnly(now.Year, now.Month, 1);
    }

    private string Url(int unitId, DateOnly month) => $"/api/v1/units/{unitId}/statements/{month:yyyy}/{month:MM}.pdf";

    [Fact]
    public async Task TheOwner_DownloadsTheirUnitsStatement_AsAPdfAttachment()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "owner");
        var month = ThisMonth();

        var response = await client.GetAsync(Url(await UnitAsync("SLF-A101"), month));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal($"statement-A101-{month:yyyy-MM}.pdf", disposition.FileName);
        Assert.True(response.Headers.CacheControl is { NoStore: true, Private: true }, "A statement is private: no caching.");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
        var text = PdfText.Of(pdf);
        Assert.Contains("Unit A101", text, StringComparison.Ordinal);
        Assert.Contains(month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        Assert.Contains("Opening balance (demo)", text, StringComparison.Ordinal); // the demo's top-up, posted this month
    }

    [Theory]
    [InlineData("tenant")]   // the tenant of A101 asks for A102
    [InlineData("family")]
    [InlineData("utility")]  // bulk-supply users see the estate's intake, not residents' statements
    public async Task OthersThanTheUnitsPeople_AreRefused(string login)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(Url(await UnitAsync("SLF-A102"), ThisMonth()))).StatusCode);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("agent")]
    [InlineData("trustee")]
    [InlineData("admin")]
    public async Task TheTenant_TheEstatesAgentAndTrustee_AndAdmins_MayRead(string login)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        var response = await client.GetAsync(Url(await UnitAsync("SLF-A101"), ThisMonth()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Anonymous_IsRefused()
    {
        using var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(Url(await UnitAsync("SLF-A101"), ThisMonth()))).StatusCode);
    }

    [Fact]
    public async Task AnUnknownUnit_IsNotFound_AndAMonthNotYetBegun_IsABadRequest()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "admin");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Url(999_999, ThisMonth()))).StatusCode);
        var unit = await UnitAsync("SLF-A101");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(Url(unit, ThisMonth().AddMonths(1)))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/units/{unit}/statements/2026/13.pdf")).StatusCode);
    }

    [Fact]
    public async Task TheOwnersPortfolio_OffersAStatementDownloadPerUnit()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "owner");
        var html = PortalClient.Decode(await client.GetStringAsync("/owner"));
        Assert.Equal(4, html.Split("data-testid=\"statement-download\"").Length - 1);
        Assert.Contains($"href=\"/api/v1/units/{await UnitAsync("SLF-A101")}/statements/", html, StringComparison.Ordinal);
    }
}
