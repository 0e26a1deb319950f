using System.Net;
using System.Text.Json;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;

namespace Quantify.Tests.Reports;

/// <summary>/api/v1/reports/* and the /agent/arrears and /agent/reports pages on the demo: who gets what, who is refused.</summary>
public class ReportEndpointTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<int> EstateAsync(string name)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Estates.Where(e => e.Name == name).Select(e => e.Id).SingleAsync();
    }

    private Task<int> SilverleafAsync() => EstateAsync("Silverleaf Estate");
    private Task<int> HarbourAsync() => EstateAsync("Harbour View Residences");

    [Fact]
    public async Task TheAgent_GetsTheArrearsReportOfTheirEstate_AsJson()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");

        var response = await client.GetAsync($"/api/v1/reports/arrears?estateId={await SilverleafAsync()}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Silverleaf Estate", json.RootElement.GetProperty("estateName").GetString());
        Assert.Equal(4, json.RootElement.GetProperty("buckets").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("rows").ValueKind);
    }

    [Theory]
    [InlineData("arrears", "")]
    [InlineData("consumption", "&month=2026-11")]
    [InlineData("financial", "&from=2026-11-01&to=2026-11-30")]
    public async Task AnAgentOfOneEstate_IsRefusedAnotherEstatesReports(string report, string period)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var harbour = await HarbourAsync();

        foreach (var format in new[] { "json", "csv", "xlsx", "pdf" })
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/{report}?estateId={harbour}{period}&format={format}")).StatusCode);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("owner")]
    [InlineData("utility")]
    public async Task ResidentsAndUtilityUsers_AreRefusedEstateReports(string login)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/reports/financial?estateId={await SilverleafAsync()}&month=2026-11")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_IsAskedToSignIn()
    {
        using var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/v1/reports/arrears?estateId={await SilverleafAsync()}")).StatusCode);
    }

    [Fact]
    public async Task TheTrustee_DownloadsTheFinancialReportAsXlsx_ThatOpensInClosedXml()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "trustee");
        var month = TimeZoneInfo.ConvertTime(fixture.App.Services.GetRequiredService<TimeProvider>().GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Africa/Johannesburg"));

        var response = await client.GetAsync($"/api/v1/reports/financial?estateId={await SilverleafAsync()}&month={month:yyyy-MM}&format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"financial-Silverleaf-Estate-{month:yyyy-MM}.xlsx", response.Content.Headers.ContentDisposition!.FileName);
        using var book = new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var ws = book.Worksheet("Financial");
        Assert.Equal("Unit", ws.Cell(4, 1).GetString());
        Assert.Equal("Total", ws.LastRowUsed().Cell(1).GetString());
    }

    [Fact]
    public async Task TheAgent_DownloadsCsvAndPdf_AndBadInputGetsAClearAnswer()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var estate = await SilverleafAsync();

        var csv = await client.GetAsync($"/api/v1/reports/consumption?estateId={estate}&month=2026-11&format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("Unit,Utility,Quantity", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        var pdf = await client.GetAsync($"/api/v1/reports/arrears?estateId={estate}&format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Arrears · Silverleaf Estate", Statements.PdfText.Of(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var badFormat = await client.GetAsync($"/api/v1/reports/arrears?estateId={estate}&format=docx");
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("docx", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badPeriod = await client.GetAsync($"/api/v1/reports/financial?estateId={estate}&from=2026-11-30&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("before from", await badPeriod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agent", "/agent/arrears", HttpStatusCode.OK)]
    [InlineData("agent", "/agent/reports", HttpStatusCode.OK)]
    [InlineData("admin", "/agent/arrears", HttpStatusCode.OK)]
    [InlineData("trustee", "/agent/reports", HttpStatusCode.OK)]
    [InlineData("tenant", "/agent/arrears", HttpStatusCode.Redirect)]
    [InlineData("utility", "/agent/reports", HttpStatusCode.Redirect)]
    public async Task ThePages_AreOpenToAgentsTrusteesAndAdmins_Only(string login, string page, HttpStatusCode expected)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        var response = await client.GetAsync(page);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect) Assert.Contains("/access-denied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        else Assert.Contains(page == "/agent/arrears" ? "Escalation rules" : "Financial report", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
