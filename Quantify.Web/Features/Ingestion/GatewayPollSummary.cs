namespace Quantify.Web.Features.Ingestion;

/// <summary>How polling the meters behind a Modbus gateway is going: the latest poll, how many meters are failing, the worst streak and the latest error.</summary>
public sealed record GatewayPollSummary(DateTimeOffset? LastPollAt, int FailingMeters, int MaxConsecutiveFailures, string? LastError, DateTimeOffset? LastErrorAt);
