using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Data;

namespace Quantify.Tests.Ledger;

public class WalletScopeTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    private async Task<int> UnitAsync(string reference)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.Units.Where(u => u.PaymentReference == reference).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Tenant_ExportsTheirOwnWalletHistory_AsCsv()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var response = await client.GetAsync("/api/v1/wallet/history.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("Posted (UTC),Value date,Number,Type,Pocket,Amount (ZAR),Description", csv, StringComparison.Ordinal);
        Assert.Contains("Opening balance (demo)", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tenant_CannotExportAnotherUnitsWallet()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "tenant");
        var other = await UnitAsync("SLF-A102");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/wallet/history.csv?unitId={other}")).StatusCode);
    }

    [Fact]
    public async Task Agent_HasNoResidentWallet()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "agent");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/wallet/history.csv")).StatusCode);
    }
}
