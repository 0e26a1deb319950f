using Quantify.Domain.Metering;

namespace Quantify.Web.Features.Ingestion;

/// <summary>A meter's poll status, for the meter list and the gateway's meter list.</summary>
public sealed record MeterPollRow(int MeterId, string SerialNumber, MeterType Type, bool IsActive, DateTimeOffset? LastPollAt, DateTimeOffset? LastSuccessAt,
    string? LastError, DateTimeOffset? LastErrorAt, int ConsecutiveFailures);
