namespace Quantify.Web.Components.Shared.Charts;

/// <summary>One value at one instant; a null value is a gap (no data), never drawn as zero.</summary>
public sealed record TimePoint(DateTimeOffset At, decimal? Value);
