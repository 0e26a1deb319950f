using System.Net;
using System.Text.Json;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Security;
using Quantify.Web.Cli;

namespace Quantify.Tests.Ledger;

public class LedgerApiTests(DemoAppFixture fixture) : IClassFixture<DemoAppFixture>
{
    [Fact]
    public async Task Admin_VerifiesTheDemoLedger_OverTheApi()
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, "admin");
        var response = await client.GetAsync("/api/v1/ledger/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("valid").GetBoolean(), json.RootElement.GetProperty("summary").GetString());
        Assert.True(json.RootElement.GetProperty("walletsChecked").GetInt32() >= 30);
    }

    [Theory]
    [InlineData("tenant")]
    [InlineData("agent")]
    public async Task NonAdmins_AreRefusedTheVerifyEndpoint(string login)
    {
        using var client = await PortalClient.SignedInAsync(fixture.App, login);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/ledger/verify")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_GetsUnauthorized_NotALoginPage()
    {
        using var client = fixture.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/ledger/verify")).StatusCode);
    }

    [Fact]
    public async Task TheCommandLineVerb_VerifiesAndExitsZero()
    {
        var output = new StringWriter();
        var previous = Console.Out;
        Console.SetOut(output);
        int code;
        try { code = await CliVerbs.RunAsync(fixture.App.App, ["ledger", "verify"]); }
        finally { Console.SetOut(previous); }
        Assert.Equal(0, code);
        Assert.Contains("no problems", output.ToString(), StringComparison.Ordinal);
    }
}
