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

    public bool IsRunning => server?.IsStarted == true;

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
        server = factory.CreateMqttServer(serverOptions);
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
