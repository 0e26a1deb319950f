using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// The pure PayFast rules one by one, without a web host: the ITN source allow-list (PayFast publishes CIDR networks),
/// where ITNs are confirmed, the start-up check of the settings (each message names its setting), and the checkout
/// form signature's trimming (PayFast's sample <c>generateSignature</c>: <c>urlencode(trim($val))</c> for every
/// non-empty value, <c>&amp;passphrase=urlencode(trim($passPhrase))</c>).
/// </summary>
public class PayFastRulesTests
{
    // ---- allow-list ----

    [Theory]
    [InlineData("197.97.145.144", true)]   // first address of the /28
    [InlineData("197.97.145.159", true)]   // last
    [InlineData("197.97.145.143", false)]
    [InlineData("197.97.145.160", false)]
    [InlineData("::ffff:197.97.145.150", true)] // an IPv4 client seen on a dual-stack socket
    [InlineData("::ffff:197.97.145.160", false)]
    [InlineData("41.74.179.200", true)]    // the single address
    [InlineData("41.74.179.201", false)]
    [InlineData("::1", true)]
    [InlineData("::2", false)]             // "::1" is a network of one, not ::/32
    [InlineData("127.0.0.1", false)]       // nothing implicit: loopback only when listed
    public void TheAllowList_HoldsExactlyItsAddressesAndNetworks(string address, bool allowed)
    {
        var list = new PayFastAllowList(["197.97.145.144/28", " 41.74.179.200 ", "::1", "not-an-address", ""]);
        Assert.Equal(allowed, list.Contains(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("197.97.145.150", false)]
    public void WithoutAnAllowList_OnlyThisMachineMayPostItns(string address, bool allowed) =>
        Assert.Equal(allowed, new PayFastAllowList(PayFastOptions.LoopbackOnly).Contains(IPAddress.Parse(address)));

    [Fact]
    public void AnIPv4MappedEntry_CountsAsItsIPv4Address()
    {
        var list = new PayFastAllowList(["::ffff:10.1.2.3"]);
        Assert.True(list.Contains(IPAddress.Parse("10.1.2.3")));
        Assert.True(list.Contains(IPAddress.Parse("::ffff:10.1.2.3")));
        Assert.False(list.Contains(IPAddress.Parse("10.1.2.4")));
    }

    [Theory]
    [InlineData("197.97.145.145", "197.97.145.145/32")]
    [InlineData(" 197.97.145.144/28 ", "197.97.145.144/28")]
    [InlineData("::1", "::1/128")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3/32")]
    public void AnEntry_ParsesToItsNetwork(string entry, string network)
    {
        Assert.True(PayFastAllowList.TryParse(entry, out var parsed));
        Assert.Equal(network, parsed.ToString());
    }

    [Theory]
    [InlineData("payfast.co.za")]
    [InlineData("197.97.145.144/33")]
    [InlineData("197.97.145.300")]
    [InlineData("")]
    public void ANonAddress_DoesNotParse(string entry) => Assert.False(PayFastAllowList.TryParse(entry, out _));

    // ---- validate address ----

    private sealed class BoundServer(params string[] addresses) : IServer
    {
        public IFeatureCollection Features { get; } = Make(addresses);

        private static FeatureCollection Make(string[] addresses)
        {
            var features = new FeatureCollection();
            var bound = new ServerAddressesFeature();
            foreach (var a in addresses) bound.Addresses.Add(a);
            features.Set<IServerAddressesFeature>(bound);
            return features;
        }

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public void Dispose() { }
    }

    [Fact]
    public void TheConfiguredValidateUrl_IsUsedAsIs()
    {
        var address = new PayFastValidateAddress(new PayFastOptions { ValidateUrl = PayFastOptions.SandboxValidateUrl }, new BoundServer("http://127.0.0.1:5000"));
        Assert.Equal(new Uri("https://sandbox.payfast.co.za/eng/query/validate"), address.Resolve());
    }

    [Fact]
    public void WithoutAValidateUrl_TheStandInAtTheBoundLoopbackAddressIsUsed_AndKept()
    {
        var server = new BoundServer("http://[::]:5391");
        var address = new PayFastValidateAddress(new PayFastOptions(), server);

        var first = address.Resolve();
        Assert.Equal(new Uri("http://127.0.0.1:5391/payfast-standin/eng/query/validate"), first);
        server.Features.Get<IServerAddressesFeature>()!.Addresses.Clear();
        server.Features.Get<IServerAddressesFeature>()!.Addresses.Add("http://127.0.0.1:9999");
        Assert.Same(first, address.Resolve());
    }

    [Fact]
    public void WithoutAValidateUrl_OrABoundAddress_ResolvingFails_NamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new PayFastValidateAddress(new PayFastOptions { ValidateUrl = " " }, new BoundServer()).Resolve());
        Assert.Equal("PayFast:ValidateUrl is not set and the server has no bound http address for the local stand-in.", ex.Message);
        var noAddresses = new BoundServer();
        noAddresses.Features.Set<IServerAddressesFeature>(null); // a server that does not say where it listens
        ex = Assert.Throws<InvalidOperationException>(() => new PayFastValidateAddress(new PayFastOptions(), noAddresses).Resolve());
        Assert.StartsWith("PayFast:ValidateUrl is not set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21;http://127.0.0.1:5042", "http://127.0.0.1:5042/")]
    [InlineData("not a url;https://127.0.0.1:7036", "https://127.0.0.1:7036/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/")]
    [InlineData("https://0.0.0.0:7036", "https://localhost:7036/")]
    [InlineData("https://+:7036", "https://localhost:7036/")]
    [InlineData("https://*:7036;http://*:5042", "http://127.0.0.1:5042/")]
    [InlineData("http://127.0.0.1:0;https://127.0.0.1:7036", "https://127.0.0.1:7036/")] // port 0: not bound yet
    public void LoopbackBase_SkipsWhatIsNotHttp_AndPrefersHttp(string bound, string expected) =>
        Assert.Equal(expected, PayFastValidateAddress.LoopbackBase(bound.Split(';'))?.ToString());

    [Fact]
    public void LoopbackBase_OfOnlyNonHttpAddresses_IsNull() => Assert.Null(PayFastValidateAddress.LoopbackBase(["ftp://127.0.0.1:21", "net.tcp://localhost:808"]));

    // ---- start-up check ----

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Quantify.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static PayFastOptions Live() => new()
    {
        ValidateUrl = PayFastOptions.LiveValidateUrl, ProcessUrl = "https://www.payfast.co.za/eng/process", AllowedIps = ["197.97.145.144/28"],
        MerchantId = "10293847", MerchantKey = "k3x9q2m7w1z8v", Passphrase = "a-merchant-chosen-passphrase-2026", UseLocalStandIn = false,
    };

    private static IEnumerable<string> Errors(string environment, PayFastOptions options)
    {
        var result = new PayFastOptionsValidator(new Env(environment)).Validate(null, options);
        return result.Succeeded ? [] : result.Failures ?? [];
    }

    [Fact]
    public void LiveSettings_PassInProduction() => Assert.True(new PayFastOptionsValidator(new Env("Production")).Validate(null, Live()).Succeeded);

    [Fact]
    public void PaymentsOff_AreNotChecked_EvenWhenEverythingIsWrong() =>
        Assert.Empty(Errors("Production", new PayFastOptions { Enabled = false, ValidateUrl = "nonsense", AllowedIps = ["x"], MaxItnBytes = 1 }));

    [Fact]
    public void DemoDefaults_PassInDevelopment() => Assert.Empty(Errors("Development", new PayFastOptions()));

    [Fact]
    public void Development_WithoutTheStandIn_NeedsAValidateUrl()
    {
        var o = new PayFastOptions { UseLocalStandIn = false };
        Assert.Equal([$"PayFast:ValidateUrl is not set. Set it to {PayFastOptions.LiveValidateUrl} (live) or {PayFastOptions.SandboxValidateUrl} (sandbox), or set PayFast:Enabled to false."],
            Errors("Development", o));
        o.ValidateUrl = "http://127.0.0.1:8080/validate"; // plain http is allowed outside Production
        Assert.Empty(Errors("Development", o));
    }

    [Fact]
    public void Production_WithTheStandInOn_StillNeedsAValidateUrl()
    {
        var o = Live();
        o.ValidateUrl = null;
        o.UseLocalStandIn = true;
        Assert.Contains(Errors("Production", o), e => e.StartsWith("PayFast:ValidateUrl is not set.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/payfast-standin/eng/query/validate")]
    [InlineData("ftp://www.payfast.co.za/eng/query/validate")]
    [InlineData("file:///etc/passwd")]
    public void AValidateUrlThatIsNotAbsoluteHttp_IsRefused_EvenInDevelopment(string url)
    {
        var o = new PayFastOptions { ValidateUrl = url };
        Assert.Equal([$"PayFast:ValidateUrl '{url}' is not an absolute http(s) URL: the ITN confirmation is never sent to an address taken from a request. Use {PayFastOptions.LiveValidateUrl} (live) or {PayFastOptions.SandboxValidateUrl} (sandbox)."],
            Errors("Development", o));
    }

    [Fact]
    public void Production_NeedsHttpsForValidateAndProcess()
    {
        var o = Live();
        o.ValidateUrl = "http://www.payfast.co.za/eng/query/validate";
        o.ProcessUrl = "http://www.payfast.co.za/eng/process";
        Assert.Equal(["PayFast:ValidateUrl 'http://www.payfast.co.za/eng/query/validate' must use https in Production.",
            "PayFast:ProcessUrl 'http://www.payfast.co.za/eng/process' must be an absolute https URL in Production (https://www.payfast.co.za/eng/process or https://sandbox.payfast.co.za/eng/process)."],
            Errors("Production", o));
        o.ProcessUrl = "/payfast-standin/eng/process";
        Assert.Contains(Errors("Production", o), e => e.StartsWith("PayFast:ProcessUrl '/payfast-standin/eng/process' must be", StringComparison.Ordinal));
        Assert.DoesNotContain(Errors("Staging", o), e => e.Contains("ProcessUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(PayFastOptions.DemoPassphrase)]
    public void Production_NeedsTheMerchantsOwnPassphrase(string? passphrase)
    {
        var o = Live();
        o.Passphrase = passphrase;
        Assert.Equal(["PayFast:Passphrase is empty or the demo default: set the passphrase of your PayFast merchant account."], Errors("Production", o));
        Assert.Empty(Errors("Development", o));
    }

    [Fact]
    public void Production_RefusesPayFastsSandboxMerchant_IdOrKey()
    {
        const string message = "PayFast:MerchantId and PayFast:MerchantKey are PayFast's sandbox values: set your own merchant's.";
        var id = Live();
        id.MerchantId = PayFastOptions.SandboxMerchantId;
        Assert.Equal([message], Errors("Production", id));
        var key = Live();
        key.MerchantKey = PayFastOptions.SandboxMerchantKey;
        Assert.Equal([message], Errors("Production", key));
        Assert.Empty(Errors("Development", key));
    }

    [Fact]
    public void Production_NeedsAnAllowList_AndEveryEntryMustParseEverywhere()
    {
        const string message = "PayFast:AllowedIps is not set: list the addresses or networks PayFast sends ITNs from (see docs/payments.md).";
        var none = Live();
        none.AllowedIps = null;
        Assert.Equal([message], Errors("Production", none));
        none.AllowedIps = [];
        Assert.Equal([message], Errors("Production", none));
        Assert.Empty(Errors("Development", none));

        var bad = new PayFastOptions { AllowedIps = ["197.97.145.144/28", "www.payfast.co.za", " "] };
        Assert.Equal(["PayFast:AllowedIps entry 'www.payfast.co.za' is neither an IP address nor a CIDR network.",
            "PayFast:AllowedIps entry ' ' is neither an IP address nor a CIDR network."], Errors("Development", bad));
    }

    [Theory]
    [InlineData(1023, false)]
    [InlineData(1024, true)]
    [InlineData(16 * 1024, true)]
    [InlineData(1024 * 1024, true)]
    [InlineData(1024 * 1024 + 1, false)]
    [InlineData(0, false)]
    public void MaxItnBytes_IsBetween1KiBAnd1MiB(int bytes, bool ok)
    {
        var errors = Errors("Development", new PayFastOptions { MaxItnBytes = bytes });
        if (ok) Assert.Empty(errors);
        else Assert.Equal([$"PayFast:MaxItnBytes {bytes} must be between 1024 and 1048576."], errors);
    }

    // ---- form signature details ----

    [Fact]
    public void TheFormSignature_TrimsValuesAndPassphrase_LeavesEmptyFieldsAndTheSignatureOut()
    {
        // By hand: merchant_id=10000100&merchant_key=46f0cd694581a&amount=100.00&item_name=Test+Item, then
        // printf '%s' "$P&passphrase=jt7NOE43FZPn" | md5sum → 711830950e3c917da00a3193efecdfb8; without: 7abbb23afc89fb75f1412d1f9e5bf7bc
        List<KeyValuePair<string, string>> fields =
        [
            new("merchant_id", "10000100"), new("merchant_key", " 46f0cd694581a"), new("amount", " 100.00 "), new("item_description", ""),
            new("signature", "0123"), new("item_name", "Test Item "),
        ];
        Assert.Equal("merchant_id=10000100&merchant_key=46f0cd694581a&amount=100.00&item_name=Test+Item", PayFastSignature.FormParamString(fields));
        Assert.Equal("711830950e3c917da00a3193efecdfb8", PayFastSignature.SignForm(fields, " jt7NOE43FZPn "));
        Assert.Equal("7abbb23afc89fb75f1412d1f9e5bf7bc", PayFastSignature.SignForm(fields, null));
        Assert.Equal("7abbb23afc89fb75f1412d1f9e5bf7bc", PayFastSignature.SignForm(fields, ""));
    }

    [Fact]
    public void InFormOrder_PutsTheFieldsInPayFastsDocumentedOrder_AndDropsUnknownOnes()
    {
        var fields = new Dictionary<string, string> { ["amount"] = "1", ["x_unknown"] = "2", ["merchant_id"] = "3", ["custom_str5"] = "4", ["notify_url"] = "5" };
        Assert.Equal(["merchant_id", "notify_url", "amount", "custom_str5"], PayFastSignature.InFormOrder(fields).Select(f => f.Key));
        // The attribute order of payfast-php-sdk Auth::generateSignature, typed by hand (it continues with the subscription fields and passphrase, unused here).
        Assert.Equal(
        [
            "merchant_id", "merchant_key", "return_url", "cancel_url", "notify_url", "name_first", "name_last", "email_address", "cell_number",
            "m_payment_id", "amount", "item_name", "item_description", "custom_int1", "custom_int2", "custom_int3", "custom_int4", "custom_int5",
            "custom_str1", "custom_str2", "custom_str3", "custom_str4", "custom_str5", "email_confirmation", "confirmation_address", "payment_method",
        ], PayFastSignature.FormOrder);
    }

    [Theory]
    [InlineData("ba346fe42df7bd9cffd908a249d183c6", "BA346FE42DF7BD9CFFD908A249D183C6", true)]
    [InlineData("ba346fe42df7bd9cffd908a249d183c6", "ba346fe42df7bd9cffd908a249d183c6", true)]
    [InlineData("ba346fe42df7bd9cffd908a249d183c6", "ba346fe42df7bd9cffd908a249d183c7", false)]
    [InlineData("ba346fe42df7bd9cffd908a249d183c6", "ba346fe42df7bd9cffd908a249d183c", false)]
    [InlineData("ba346fe42df7bd9cffd908a249d183c6", "", false)]
    public void SameSignature_IgnoresHexCase_AndNothingElse(string a, string b, bool same) => Assert.Equal(same, PayFastSignature.SameSignature(a, b));
}
