using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;

namespace Quantify.Web.Features.Simulation;

/// <summary>A message the simulated ChirpStack received on <c>command/down</c>.</summary>
public sealed record Downlink(string Topic, byte[] Payload);

/// <summary>
/// The simulated ChirpStack's MQTT connection: publishes uplinks and acks with QoS 1 and receives downlinks
/// (<c>application/+/device/+/command/down</c>). Connects on demand and, after the broker goes away, again with back-off
/// (1 s doubling to 30 s); a publish while disconnected just fails, and the meter's next reading covers the gap.
/// </summary>
public sealed class SimulatorMqttLink(ResolvedBroker broker, TimeProvider clock, ILogger log) : IAsyncDisposable
{
    public const string DownlinkFilter = "application/+/device/+/command/down";

    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<Downlink> downlinks = Channel.CreateUnbounded<Downlink>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SemaphoreSlim connecting = new(1, 1);
    private DateTimeOffset nextAttempt = DateTimeOffset.MinValue;
    private TimeSpan backoff = TimeSpan.FromSeconds(1);
    private bool wasConnected;
    private bool hooked;

    public ResolvedBroker Broker => broker;
    public bool IsConnected => client.IsConnected;
    public ChannelReader<Downlink> Downlinks => downlinks.Reader;

    /// <summary>Raised on connection changes, for the verb's output.</summary>
    public event Action<string>? StateChanged;

    /// <summary>Connected (now or already), or false while the broker is unreachable and the back-off has not elapsed.</summary>
    public async Task<bool> EnsureConnectedAsync(CancellationToken ct)
    {
        if (client.IsConnected) return true;
        if (clock.GetUtcNow() < nextAttempt) return false;
        await connecting.WaitAsync(ct);
        try
        {
            if (client.IsConnected) return true;
            if (!hooked)
            {
                client.ApplicationMessageReceivedAsync += e =>
                {
                    downlinks.Writer.TryWrite(new Downlink(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray()));
                    return Task.CompletedTask;
                };
                hooked = true;
            }
            if (wasConnected)
            {
                wasConnected = false;
                Report(LogLevel.Warning, $"Lost the MQTT broker {broker}; reconnecting.");
            }
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(broker.Host, broker.Port)
                .WithCredentials(broker.Username, broker.Password)
                .WithClientId(broker.ClientId)
                .WithCleanSession(true)
                .WithTimeout(TimeSpan.FromSeconds(10))
                .Build();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(15));
            var result = await client.ConnectAsync(options, timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
                throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode} {result.ReasonString}");
            await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(DownlinkFilter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), timeout.Token);
            wasConnected = true;
            backoff = TimeSpan.FromSeconds(1);
            Report(LogLevel.Information, $"Connected to the MQTT broker {broker}; listening for downlinks on {DownlinkFilter}.");
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            nextAttempt = clock.GetUtcNow() + backoff;
            Report(LogLevel.Warning, $"MQTT broker {broker} not reachable ({ex.Message}); next try in {backoff.TotalSeconds:0} s.");
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            return false;
        }
        finally
        {
            connecting.Release();
        }
    }

    /// <summary>Publishes with QoS 1 and waits for the broker's PUBACK. Returns the failure, or null on success.</summary>
    public async Task<string?> PublishAsync(string topic, byte[] payload, CancellationToken ct)
    {
        if (!client.IsConnected) return "not connected to the broker";
        try
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = await client.PublishAsync(message, ct);
            return result.IsSuccess ? null : $"the broker refused it: {result.ReasonCode} {result.ReasonString}";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            return ex.Message;
        }
    }

    private void Report(LogLevel level, string message)
    {
#pragma warning disable CA2254 // The message is already composed for the verb's console as well.
        log.Log(level, message);
#pragma warning restore CA2254
        StateChanged?.Invoke(message);
    }

    public async ValueTask DisposeAsync()
    {
        downlinks.Writer.TryComplete();
        try
        {
            if (client.IsConnected) await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Shutting down: the broker may already be gone.
        }
        client.Dispose();
        connecting.Dispose();
    }
}
