using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;
using Quantify.Web;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>Production does not start with PayFast on and no absolute validate URL from configuration.</summary>
public class PayFastStartupTests
{
    private static async Task<string?> StartupErrorAsync(string environment, Dictionary<string, string?> payfast)
    {
        var dir = Path.Combine(Path.GetTempPath(), "quantify-payfast-start-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite", ["Database:DataDirectory"] = dir, ["Demo:Seed"] = "false", ["Jobs:Enabled"] = "false",
            ["Ingestion:Enabled"] = "false", ["Simulation:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var kv in payfast) settings["PayFast:" + kv.Key] = kv.Value;
        await using var app = QuantifyApp.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        }, environment: environment, contentRoot: Infrastructure.Repo.PathOf("Quantify.Web"));
        try
        {
            await app.PrepareAsync(); // as Program does: the schema exists before hosted services start
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static readonly Dictionary<string, string?> Live = new()
    {
        ["ValidateUrl"] = PayFastOptions.LiveValidateUrl, ["ProcessUrl"] = "https://www.payfast.co.za/eng/process", ["AllowedIps:0"] = "197.97.145.144/28",
        ["MerchantId"] = "10293847", ["MerchantKey"] = "k3x9q2m7w1z8v", ["Passphrase"] = "a-merchant-chosen-passphrase-2026",
    };

    [Theory]
    [InlineData("Passphrase", PayFastOptions.DemoPassphrase, "PayFast:Passphrase")]
    [InlineData("Passphrase", "", "PayFast:Passphrase")]
    [InlineData("MerchantId", PayFastOptions.SandboxMerchantId, "PayFast:MerchantId")]
    [InlineData("MerchantKey", PayFastOptions.SandboxMerchantKey, "PayFast:MerchantKey")]
    public async Task Production_WithADefaultOrSandboxSecret_RefusesToStart_NamingTheSetting(string key, string value, string setting)
    {
        var error = await StartupErrorAsync("Production", new Dictionary<string, string?>(Live) { [key] = value });
        Assert.NotNull(error);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithoutAValidateUrl_RefusesToStart_NamingTheSetting()
    {
        var error = await StartupErrorAsync("Production", new Dictionary<string, string?>(Live) { ["ValidateUrl"] = null });
        Assert.Contains("PayFast:ValidateUrl is not set", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/payfast-standin/eng/query/validate")]
    [InlineData("sandbox.payfast.co.za/eng/query/validate")]
    [InlineData("http://sandbox.payfast.co.za/eng/query/validate")]
    public async Task Production_WithARelativeOrPlainHttpValidateUrl_RefusesToStart(string url)
    {
        var error = await StartupErrorAsync("Production", new Dictionary<string, string?>(Live) { ["ValidateUrl"] = url });
        Assert.Contains($"PayFast:ValidateUrl '{url}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithoutAnAllowList_RefusesToStart()
    {
        var settings = new Dictionary<string, string?>(Live);
        settings.Remove("AllowedIps:0");
        var error = await StartupErrorAsync("Production", settings);
        Assert.Contains("PayFast:AllowedIps is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_WithTheLiveSettings_Starts() => Assert.Null(await StartupErrorAsync("Production", Live));

    [Fact]
    public async Task Production_WithPaymentsOff_NeedsNoPayFastSettings() =>
        Assert.Null(await StartupErrorAsync("Production", new Dictionary<string, string?> { ["Enabled"] = "false" }));

    [Fact]
    public async Task Development_WithoutAValidateUrl_UsesTheStandIn() => Assert.Null(await StartupErrorAsync("Development", []));
}
