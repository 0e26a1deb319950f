using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Quantify.Ingestion.Pipeline;

namespace Quantify.Ingestion.Mqtt;

/// <summary>
/// Subscribes to meter topics with QoS 1 on a persistent session and hands each message to the sink. A message is
/// acknowledged only once the sink has durably accepted it (at-least-once delivery + idempotent processing =
/// every reading billed exactly once). Reconnects with back-off when the broker goes away.
/// </summary>
public sealed class MqttIngestionService(MqttOptions options, IIngestionSink sink, TimeProvider clock, ILogger<MqttIngestionService> log)
    : BackgroundService, IDownlinkPublisher
{
    private IMqttClient? client;

    public bool IsConnected => client?.IsConnected == true;

    /// <summary>Connected and subscribed: messages published from now on reach the pipeline.</summary>
    public bool IsReady => IsConnected && subscribed;
    private volatile bool subscribed;
    public long Received => Interlocked.Read(ref received);
    private long received;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!client.IsConnected)
                {
                    subscribed = false;
                    await ConnectAsync(stoppingToken);
                    delay = TimeSpan.FromMilliseconds(250);
                }
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or MqttConnectingFailedException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
            {
                log.LogWarning("MQTT broker {Host}:{Port} not reachable ({Message}); retrying in {Delay}", options.Host, options.Port, ex.Message, delay);
                await Task.Delay(delay, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
        }
        if (client.IsConnected)
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        client.Dispose();
    }

    private async Task ConnectAsync(CancellationToken ct)
    {
        var connect = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithCredentials(options.Username, options.Password)
            .WithClientId(options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(options.SessionExpirySeconds)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        var result = await client!.ConnectAsync(connect, ct);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
            throw new InvalidOperationException($"MQTT connect refused: {result.ResultCode} {result.ReasonString}");
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in options.Topics)
            subscribe.WithTopicFilter(f => f.WithTopic(options.SubscriptionFilter(topic)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce));
        await client.SubscribeAsync(subscribe.Build(), ct);
        subscribed = true;
        log.LogInformation("Subscribed to {Count} topic filter(s) on {Host}:{Port} (session present: {Session})",
            options.Topics.Length, options.Host, options.Port, result.IsSessionPresent);
    }

    /// <summary>Publishes a downlink (QoS 1) on the same connection. Throws when the broker is not connected; the caller retries.</summary>
    public async Task PublishAsync(string topic, byte[] payload, CancellationToken ct)
    {
        var c = client;
        if (c is null || !c.IsConnected) throw new InvalidOperationException($"Not connected to the MQTT broker {options.Host}:{options.Port}.");
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        var result = await c.PublishAsync(message, ct);
        if (!result.IsSuccess) throw new InvalidOperationException($"The broker refused the downlink on {topic}: {result.ReasonCode} {result.ReasonString}");
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        // Return at once so the next message flows while this one waits for its batch to commit;
        // the PUBACK goes out only after the commit.
        e.AutoAcknowledge = false;
        var message = e.ApplicationMessage;
        var incoming = new IncomingMessage(MessageSource.Mqtt, message.Topic, message.Payload.ToArray(), clock.GetUtcNow());
        _ = AcceptThenAcknowledgeAsync(e, incoming);
        return Task.CompletedTask;
    }

    private async Task AcceptThenAcknowledgeAsync(MqttApplicationMessageReceivedEventArgs e, IncomingMessage incoming)
    {
        try
        {
            await sink.AcceptAsync(incoming, CancellationToken.None);
            Interlocked.Increment(ref received);
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not acknowledged: the broker redelivers it on the persistent session after reconnect.
            log.LogError(ex, "Could not accept MQTT message on {Topic}; it will be redelivered", incoming.Topic);
        }
    }
}
