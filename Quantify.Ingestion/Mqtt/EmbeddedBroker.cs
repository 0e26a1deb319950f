using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Quantify.Ingestion.Mqtt;

/// <summary>
/// The default broker: MQTTnet inside the web process, listening on loopback only (127.0.0.1 and ::1; other addresses
/// only over TLS, see <see cref="EmbeddedBrokerSettings"/>), requiring credentials and a client id, with persistent sessions so QoS 1 messages survive a subscriber's restart. Not used when an external
/// broker is configured (MQTTnet has no shared subscriptions; scale-out goes through mosquitto/EMQX).
/// </summary>
public sealed class EmbeddedBroker(MqttOptions options, ILogger<EmbeddedBroker> log, EmbeddedBrokerPlan? plan = null) : IHostedService, IAsyncDisposable
{
    private MqttServer? server;
    private long dropped;

    public bool IsRunning => server?.IsStarted == true;

    /// <summary>The endpoints the broker listens on once started (plain MQTT on loopback; TLS on any other address).</summary>
    public IReadOnlyList<IPEndPoint> Endpoints { get; private set; } = [];

    /// <summary>Messages the broker could not queue for a client (held back until it reconnects); 0 in a healthy system.</summary>
    public long Overflowed => Interlocked.Read(ref dropped);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Mode != BrokerMode.Embedded) return;
        // Validated at start-up (the composition root calls Resolve with the environment); here for direct callers.
        var p = plan ?? EmbeddedBrokerSettings.Resolve(options, isDevelopment: false)!;
        var factory = new MqttServerFactory();
        var builder = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            // MQTTnet binds IPv6 "any" ([::]) unless told otherwise; IPAddress.None leaves a family unbound.
            .WithDefaultEndpointBoundIPAddress(p.PlainV4 ?? IPAddress.None)
            .WithDefaultEndpointBoundIPV6Address(p.PlainV6 ?? IPAddress.None)
            .WithDefaultEndpointPort(p.PlainPort)
            .WithPersistentSessions(true);
        if (p.HasTls)
            builder = builder.WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(p.TlsV4 ?? IPAddress.None)
                .WithEncryptedEndpointBoundIPV6Address(p.TlsV6 ?? IPAddress.None)
                .WithEncryptedEndpointPort(p.TlsPort)
                .WithEncryptionCertificate(p.Certificate!)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        var serverOptions = builder.Build();
        // MQTTnet's default is 1,000 messages waiting to be sent to a client, then it silently drops the oldest. A dropped
        // QoS 1 message stays unacknowledged in the session and is only redelivered when the subscriber reconnects, so a
        // burst (a gateway back online, a slow batch) would hold readings back indefinitely. Queue them instead.
        serverOptions.MaxPendingMessagesPerClient = options.MaxPendingMessages;
        server = factory.CreateMqttServer(serverOptions);
        server.QueuedApplicationMessageOverwrittenAsync += e =>
        {
            var n = Interlocked.Increment(ref dropped);
            if (n == 1 || n % 10_000 == 0)
                log.LogWarning("Embedded MQTT broker: more than {Limit} messages queued for {Client}; {Count} message(s) held back until it reconnects",
                    options.MaxPendingMessages, e.ReceiverClientId, n);
            return Task.CompletedTask;
        };
        server.ValidatingConnectionAsync += e =>
        {
            if (string.IsNullOrWhiteSpace(e.ClientId))
                e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            else if (!CredentialsMatch(e.UserName, e.Password))
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        };
        try
        {
            await server.StartAsync();
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"The embedded MQTT broker could not listen on {string.Join(", ", p.Addresses)} ({ex.Message}): check {EmbeddedBrokerSettings.BindAddressesSetting} and the ports.", ex);
        }
        var bound = new List<IPEndPoint>();
        foreach (var a in new[] { p.PlainV4, p.PlainV6 }.OfType<IPAddress>()) bound.Add(new IPEndPoint(a, serverOptions.DefaultEndpointOptions.Port));
        if (p.HasTls)
            foreach (var a in new[] { p.TlsV4, p.TlsV6 }.OfType<IPAddress>()) bound.Add(new IPEndPoint(a, serverOptions.TlsEndpointOptions.Port));
        Endpoints = bound;
        log.LogInformation("Embedded MQTT broker listening on {Plain} (plain, loopback){Tls}",
            string.Join(", ", bound.Where(e => IPAddress.IsLoopback(e.Address))),
            p.HasTls ? " and " + string.Join(", ", bound.Where(e => !IPAddress.IsLoopback(e.Address))) + " (TLS)" : "");
    }

    private bool CredentialsMatch(string? user, string? password) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user ?? ""), Encoding.UTF8.GetBytes(options.Username))
        & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(password ?? ""), Encoding.UTF8.GetBytes(options.Password));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null) await server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            if (server.IsStarted) await server.StopAsync();
            server.Dispose();
            server = null;
        }
    }
}
