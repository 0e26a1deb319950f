using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace Quantify.Ingestion.Mqtt;

/// <summary>
/// The default broker: MQTTnet inside the web process, listening on loopback only, requiring credentials and a
/// client id, with persistent sessions so QoS 1 messages survive a subscriber's restart. Not used when an external
/// broker is configured (MQTTnet has no shared subscriptions; scale-out goes through mosquitto/EMQX).
/// </summary>
public sealed class EmbeddedBroker(MqttOptions options, ILogger<EmbeddedBroker> log) : IHostedService, IAsyncDisposable
{
    private MqttServer? server;
    private long dropped;

    public bool IsRunning => server?.IsStarted == true;

    /// <summary>Messages the broker could not queue for a client (held back until it reconnects); 0 in a healthy system.</summary>
    public long Overflowed => Interlocked.Read(ref dropped);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Mode != BrokerMode.Embedded) return;
        var factory = new MqttServerFactory();
        var serverOptions = factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(options.Port)
            .WithPersistentSessions(true)
            .Build();
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
            else if (e.UserName != options.Username || e.Password != options.Password)
                e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        };
        await server.StartAsync();
        log.LogInformation("Embedded MQTT broker listening on 127.0.0.1:{Port}", options.Port);
    }

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
