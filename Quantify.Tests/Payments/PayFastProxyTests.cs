using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features.Payments;

namespace Quantify.Tests.Payments;

/// <summary>
/// The app behind a reverse proxy at 127.0.0.2 (the only configured known proxy); PayFast's address is 198.51.100.7.
/// Requests from 127.0.0.1 are a peer that is not the proxy.
/// </summary>
public sealed class PayFastProxyFixture : IAsyncLifetime
{
    public const string Passphrase = "proxy-test-passphrase";

    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(demo: false, kestrel: true, settings: new Dictionary<string, string?>
    {
        ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.2",
        ["PayFast:AllowedIps:0"] = "198.51.100.0/28",
        ["PayFast:Passphrase"] = Passphrase,
        ["PayFast:ValidateUrl"] = "http://127.0.0.1:9/eng/query/validate",
    });

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public class PayFastProxyTests(PayFastProxyFixture fixture) : IClassFixture<PayFastProxyFixture>
{
    private static string Body(string reference)
    {
        List<KeyValuePair<string, string>> itn =
        [
            new("m_payment_id", reference), new("pf_payment_id", "8100001"), new("payment_status", "COMPLETE"), new("item_name", "x"),
            new("amount_gross", "100.00"), new("merchant_id", "10000100"),
        ];
        itn.Add(new("signature", PayFastSignature.SignItn(itn, PayFastProxyFixture.Passphrase)));
        return string.Join('&', itn.Select(f => f.Key + "=" + Uri.EscapeDataString(f.Value)));
    }

    /// <summary>An HTTP client whose connections come from <paramref name="source"/> (any 127.x address is loopback on Linux).</summary>
    private HttpClient ClientFrom(IPAddress source) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = new Uri(fixture.App.BaseUrl!) };

    private async Task<string?> PostAsync(IPAddress from, string reference, string forwardedFor)
    {
        using var client = ClientFrom(from);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/payfast/itn")
        {
            Content = new StringContent(Body(reference), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(request)).StatusCode);
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        return await db.PaymentRejections.Where(r => r.Reference == reference).OrderByDescending(r => r.Id).Select(r => r.SourceIp + " | " + r.Reason).FirstOrDefaultAsync();
    }

    [Fact]
    public async Task ForgedXForwardedFor_FromAPeerThatIsNotAKnownProxy_IsIgnored()
    {
        var stored = await PostAsync(IPAddress.Loopback, "QP-XFF-FORGED", "198.51.100.7");
        Assert.Equal("127.0.0.1 | Source address 127.0.0.1 is not on the PayFast allow-list.", stored);
    }

    [Fact]
    public async Task XForwardedFor_FromTheKnownProxy_IsTheClientAddress_CheckedAgainstTheAllowList()
    {
        // Past the allow-list: the next check (no such pending payment) is what stops it.
        Assert.Equal("198.51.100.7 | Unknown payment reference 'QP-XFF-PROXY'.", await PostAsync(IPAddress.Parse("127.0.0.2"), "QP-XFF-PROXY", "198.51.100.7"));
        // And the proxy faithfully forwarding a stranger's address does not let the stranger in.
        Assert.Equal("203.0.113.9 | Source address 203.0.113.9 is not on the PayFast allow-list.", await PostAsync(IPAddress.Parse("127.0.0.2"), "QP-XFF-STRANGER", "203.0.113.9"));
    }
}
