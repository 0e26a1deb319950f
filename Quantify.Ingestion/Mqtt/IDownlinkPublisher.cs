namespace Quantify.Ingestion.Mqtt;

/// <summary>Sends a message to a device through the broker (ChirpStack <c>command/down</c>).</summary>
public interface IDownlinkPublisher
{
    Task PublishAsync(string topic, byte[] payload, CancellationToken ct);
}
