using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;
using Quantify.Ingestion.Mqtt;
using Quantify.Tests.Infrastructure;

namespace Quantify.Tests.Ingestion;

/// <summary>
/// The embedded broker listens where it is told and nowhere else: loopback (127.0.0.1 and ::1) by default, other
/// addresses only over TLS; and it will not start outside Development with the password it ships with.
/// </summary>
public class EmbeddedBrokerExposureTests
{
    private const string Secret = "exposure-test-secret";

    private static MqttOptions Options(int port, params string[]? bind) => new() { Port = port, Password = Secret, BindAddresses = bind is { Length: > 0 } ? bind : null };

    private static async Task<EmbeddedBroker> StartAsync(MqttOptions options)
    {
        var broker = new EmbeddedBroker(options, NullLogger<EmbeddedBroker>.Instance, EmbeddedBrokerSettings.Resolve(options, isDevelopment: false));
        await broker.StartAsync(default);
        return broker;
    }

    /// <summary>Every address of this machine that is not loopback (link-local IPv6 keeps its scope id so it can be dialled).</summary>
    private static List<IPAddress> NonLoopbackAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces().Where(n => n.OperationalStatus == OperationalStatus.Up)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(u => u.Address).Where(a => !IPAddress.IsLoopback(a)).Distinct()];

    private static bool HasIPv6Loopback() =>
        Socket.OSSupportsIPv6 && NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Any(u => u.Address.Equals(IPAddress.IPv6Loopback));

    private static async Task<bool> TcpConnectsAsync(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> MqttConnectsAsync(string host, int port)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("exposure-" + Guid.NewGuid().ToString("N"))
            .WithCredentials("quantify", Secret).WithTimeout(TimeSpan.FromSeconds(5)).Build();
        var result = await client.ConnectAsync(options);
        return result.ResultCode == MqttClientConnectResultCode.Success && client.IsConnected;
    }

    [Fact]
    public async Task ByDefault_TheBrokerAnswersOnLoopbackV4AndV6_AndOnNoOtherAddressOfTheMachine()
    {
        var port = TestApp.FreePort();
        await using var broker = await StartAsync(Options(port));

        Assert.True(await MqttConnectsAsync("127.0.0.1", port));
        var expected = new List<IPEndPoint> { new(IPAddress.Loopback, port) };
        if (HasIPv6Loopback())
        {
            Assert.True(await MqttConnectsAsync("::1", port));
            expected.Add(new IPEndPoint(IPAddress.IPv6Loopback, port));
        }
        Assert.Equal(expected, broker.Endpoints);
        Assert.All(broker.Endpoints, e => Assert.True(IPAddress.IsLoopback(e.Address), $"{e} is not loopback"));

        // The issue: [::] was bound too, so the machine's global IPv6 address answered. Dial every address the machine has.
        foreach (var address in NonLoopbackAddresses())
            Assert.False(await TcpConnectsAsync(address, port), $"The broker accepted a connection on {address}:{port}.");
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Testing")]
    public void OutsideDevelopment_TheDefaultPassword_RefusesToStart_NamingTheSetting(string environment)
    {
        var options = new MqttOptions(); // Password = change-me-in-production
        var ex = Assert.Throws<InvalidOperationException>(() => EmbeddedBrokerSettings.Resolve(options, isDevelopment: environment == "Development"));
        Assert.StartsWith("Ingestion:Mqtt:Password is still the default 'change-me-in-production'", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(EmbeddedBrokerSettings.Resolve(options, isDevelopment: true)); // a developer's machine may keep it
    }

    [Fact]
    public async Task TheApp_WithIngestionOnAndTheDefaultPassword_DoesNotStart()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?>
        {
            ["Ingestion:Enabled"] = "true",
            ["Ingestion:Mqtt:Port"] = TestApp.FreePort().ToString(CultureInfo.InvariantCulture),
        }));
        Assert.Contains("Ingestion:Mqtt:Password", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("192.0.2.10")]
    [InlineData("127.0.0.1", "fd00::2")]
    public void ANonLoopbackAddress_WithoutTls_RefusesToStart_NamingTheSetting(params string[] bind)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => EmbeddedBrokerSettings.Resolve(Options(1883, bind), isDevelopment: true));
        Assert.StartsWith("Ingestion:Mqtt:BindAddresses includes", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Ingestion:Mqtt:Tls:CertificatePath is not set", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1", "127.0.0.2")]
    public void BindAddresses_ThatAreNotOneV4AndOneV6Address_AreRefused(params string[] bind)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => EmbeddedBrokerSettings.Resolve(Options(1883, bind), isDevelopment: true));
        Assert.StartsWith("Ingestion:Mqtt:BindAddresses ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateFileThatDoesNotOpen_IsRefused_NamingTheSetting()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "not a certificate");
        try
        {
            var options = Options(1883, "0.0.0.0");
            options.Tls = new MqttTlsOptions { CertificatePath = path, CertificatePassword = "x" };
            var ex = Assert.Throws<InvalidOperationException>(() => EmbeddedBrokerSettings.Resolve(options, isDevelopment: false));
            Assert.StartsWith("Ingestion:Mqtt:Tls:CertificatePath:", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Ingestion:Mqtt:Tls:CertificatePassword", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task WithTls_TheNetworkAddressSpeaksOnlyTls_AndMosquittoPublishesOverIt()
    {
        var dir = Directory.CreateTempSubdirectory("quantify-mqtt-tls-").FullName;
        try
        {
            // A self-signed server certificate for 127.0.0.1/localhost, as an operator would get from their CA.
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            var pfx = Path.Combine(dir, "broker.pfx");
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pfx, "pfx-secret"));
            var pem = Path.Combine(dir, "ca.pem");
            await File.WriteAllTextAsync(pem, certificate.ExportCertificatePem());

            var port = TestApp.FreePort();
            var tlsPort = TestApp.FreePort();
            var options = Options(port, "0.0.0.0");
            options.Tls = new MqttTlsOptions { CertificatePath = pfx, CertificatePassword = "pfx-secret", Port = tlsPort };
            await using var broker = await StartAsync(options);

            Assert.Contains(new IPEndPoint(IPAddress.Any, tlsPort), broker.Endpoints);
            Assert.Contains(new IPEndPoint(IPAddress.Loopback, port), broker.Endpoints);
            Assert.DoesNotContain(broker.Endpoints, e => e.Port == port && !IPAddress.IsLoopback(e.Address)); // plain MQTT stays on loopback
            foreach (var address in NonLoopbackAddresses())
                Assert.False(await TcpConnectsAsync(address, port), $"Plain MQTT answered on {address}:{port}.");

            // mosquitto_pub, an independent client, over TLS with the CA file: accepted.
            var (tlsExit, tlsError) = await MosquittoPubAsync(tlsPort, "--cafile", pem, "--insecure"); // chain checked against the CA file; --insecure only skips the host name match
            Assert.True(tlsExit == 0, tlsError);
            // The same client without TLS on the TLS port: refused.
            var (plainExit, _) = await MosquittoPubAsync(tlsPort);
            Assert.NotEqual(0, plainExit);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Exit, string Error)> MosquittoPubAsync(int port, params string[] tls)
    {
        var psi = new ProcessStartInfo("mosquitto_pub", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-i", "tls-test", "-u", "quantify",
            "-P", Secret, "-q", "1", "-t", "quantify/tls-check", "-m", "hello", .. tls]) { RedirectStandardError = true, RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { p.Kill(); return (-1, "mosquitto_pub timed out"); }
        return (p.ExitCode, await p.StandardError.ReadToEndAsync());
    }
}
