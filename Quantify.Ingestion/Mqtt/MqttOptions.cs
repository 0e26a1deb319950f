namespace Quantify.Ingestion.Mqtt;

public enum BrokerMode { Embedded, External }

/// <summary>Configuration section "Ingestion:Mqtt".</summary>
public sealed class MqttOptions
{
    /// <summary>Embedded: an MQTTnet broker inside this process, on loopback. External: mosquitto, EMQX, ...</summary>
    public BrokerMode Mode { get; set; } = BrokerMode.Embedded;
    public string Host { get; set; } = "127.0.0.1";
    public int Port { get; set; } = 1883;
    public string Username { get; set; } = "quantify";
    /// <summary>Broker password. The embedded broker rejects clients without these credentials.</summary>
    public string Password { get; set; } = "change-me-in-production";
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
