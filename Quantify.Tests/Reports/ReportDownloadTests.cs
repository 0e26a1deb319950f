using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;

namespace Quantify.Tests.Reports;

/// <summary>
/// Every report route in every format answers with the right content type, a file name that says what the file is
/// (kind, estate, period and extension), and is not cached by a shared proxy.
/// </summary>
public class ReportDownloadTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<int> SilverleafAsync()
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
    }

    public static TheoryData<string, string, string, string> Downloads() => new()
    {
        { "consumption", "&month=2026-11", "csv", "text/csv" },
        { "consumption", "&month=2026-11", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "consumption", "&month=2026-11", "pdf", "application/pdf" },
        { "financial", "&from=2026-11-01&to=2026-11-15", "csv", "text/csv" },
        { "financial", "&from=2026-11-01&to=2026-11-15", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "financial", "&from=2026-11-01&to=2026-11-15", "PDF", "application/pdf" },
        { "arrears", "", "csv", "text/csv" },
        { "arrears", "", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
        { "arrears", "", "pdf", "application/pdf" },
    };

    [Theory]
    [MemberData(nameof(Downloads))]
    public async Task EachReport_DownloadsInEachFormat_WithItsContentTypeAndASensibleFileName(string report, string period, string format, string mediaType)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var estate = await SilverleafAsync();
        var stem = report switch
        {
            "consumption" => "2026-11",
            "financial" => "2026-11-01_2026-11-15",
            _ => await ArrearsAsOfAsync(client, estate),
        };

        var response = await client.GetAsync($"/api/v1/reports/{report}?estateId={estate}{period}&format={format}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        if (mediaType == "text/csv") Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{report}-Silverleaf-Estate-{stem}.{format.ToLowerInvariant()}", response.Content.Headers.ContentDisposition.FileName);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl.Private);
        Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("arrears", "")]
    [InlineData("consumption", "&month=2026-11")]
    [InlineData("financial", "&month=2026-11")]
    public async Task EachReport_WithoutAFormat_IsJson_NotADownload(string report, string period)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");

        var response = await client.GetAsync($"/api/v1/reports/{report}?estateId={await SilverleafAsync()}{period}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Silverleaf Estate", json.RootElement.GetProperty("estateName").GetString());
    }

    [Fact]
    public async Task BadRequests_SayWhatIsWrong()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        var estate = await SilverleafAsync();

        await AssertProblemAsync(client, "/api/v1/reports/arrears", HttpStatusCode.BadRequest, "No estate", "Give estateId, e.g. ?estateId=1.");
        await AssertProblemAsync(client, $"/api/v1/reports/arrears?estateId={estate}&format=docx", HttpStatusCode.BadRequest, "Unknown format",
            "format 'docx' is not one of json, csv, xlsx, pdf.");
        await AssertProblemAsync(client, $"/api/v1/reports/consumption?estateId={estate}", HttpStatusCode.BadRequest, "Bad period",
            "Give the period: month=yyyy-MM, or from=yyyy-MM-dd and to=yyyy-MM-dd.");
        await AssertProblemAsync(client, $"/api/v1/reports/financial?estateId={estate}&month=2026-13", HttpStatusCode.BadRequest, "Bad period",
            "month '2026-13' is not a month: use yyyy-MM, e.g. 2026-11.");
        await AssertProblemAsync(client, "/api/v1/reports/financial?estateId=987654&month=2026-11", HttpStatusCode.Forbidden, "Not your estate",
            "Estate #987654 is outside your scope.");
    }

    private static async Task AssertProblemAsync(HttpClient client, string url, HttpStatusCode status, string title, string detail)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(title, json.RootElement.GetProperty("title").GetString());
        Assert.Equal(detail, json.RootElement.GetProperty("detail").GetString());
    }

    private static async Task<string> ArrearsAsOfAsync(HttpClient client, int estate)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/reports/arrears?estateId={estate}"));
        return json.RootElement.GetProperty("asOf").GetString()!;
    }
}
