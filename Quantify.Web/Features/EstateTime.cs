namespace Quantify.Web.Features;

/// <summary>Estate time zones: the configured zone, or South African time when it is unset or unknown on this machine.</summary>
public static class EstateTime
{
    public static readonly TimeZoneInfo Default = TimeZoneInfo.FindSystemTimeZoneById(Domain.Common.Defaults.TimeZone);

    public static TimeZoneInfo Resolve(string? timeZoneId) =>
        timeZoneId is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var zone) ? zone : Default;
}
