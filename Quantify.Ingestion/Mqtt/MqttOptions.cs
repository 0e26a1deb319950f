namespace Quantify.Ingestion.Mqtt;

public enum BrokerMode { Embedded, External }

/// <summary>Configuration section "Ingestion:Mqtt".</summary>
public sealed class MqttOptions
{
    /// <summary>Embedded: an MQTTnet broker inside this process, on loopback. External: mosquitto, EMQX, ...</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;

    /// <summary>The password shipped in the defaults: refused outside Development (see <see cref="EmbeddedBrokerSettings"/>).</summary>
    public const string DefaultPassword = "change-me-in-production";

    /// <summary>
    /// Embedded broker only: the addresses it listens on, at most one IPv4 and one IPv6 (an MQTTnet endpoint has one of
    /// each). Unset: loopback only, 127.0.0.1 and ::1. A non-loopback address needs <see cref="Tls"/>: the broker then
    /// serves MQTT over TLS there on <see cref="MqttTlsOptions.Port"/> and keeps plain MQTT on loopback for this process.
    /// (Null rather than a default array: the configuration binder appends to an array it finds, it does not replace it.)
    /// </summary>
    public string[]? BindAddresses { get; set; }

    public static readonly IReadOnlyList<string> LoopbackAddresses = ["127.0.0.1", "::1"];

    /// <summary>Embedded broker only: TLS for a broker reachable from other machines.</summary>
    public MqttTlsOptions Tls { get; set; } = new();
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    public string Username { get; set; } = "quantify";
    /// <summary>Broker password. The embedded broker rejects clients without these credentials.</summary>
    public string Password { get; set; } = DefaultPassword;
    public string ClientId { get; set; } = "quantify-ingestion";
    /// <summary>ChirpStack application id used in downlink topics (application/{id}/device/{devEui}/command/down).</summary>
    public string ChirpStackApplicationId { get; set; } = "quantify";
    /// <summary>External brokers only: subscribe as $share/{SharedGroup}/... so several instances split the load.</summary>
    public string? SharedGroup { get; set; } = "quantify";
    /// <summary>Topic filters the ingestion service subscribes to.</summary>
    public string[] Topics { get; set; } =
    [
        "application/+/device/+/event/up",
        "application/+/device/+/event/status",
        "application/+/device/+/event/ack",
        "application/+/device/+/event/txack",
        "quantify/gateways/+/readings",
    ];
    /// <summary>
    /// Embedded broker only: messages it may queue for one client (the ingestion subscriber) before it holds the oldest
    /// back until that client reconnects. Roughly 1 KB each; far above what a healthy pipeline leaves waiting.
    /// </summary>
    public int MaxPendingMessages { get; set; } = 1_000_000;
    /// <summary>Session expiry (seconds) for the persistent session, so QoS 1 messages wait while we are down.</summary>
    public uint SessionExpirySeconds { get; set; } = 7 * 24 * 3600;

    public string SubscriptionFilter(string topic) =>
        Mode == BrokerMode.External && !string.IsNullOrWhiteSpace(SharedGroup) ? $"$share/{SharedGroup}/{topic}" : topic;
}
