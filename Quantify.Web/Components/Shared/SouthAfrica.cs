namespace Quantify.Web.Components.Shared;

/// <summary>South African display conventions: SAST (UTC+2, no daylight saving).</summary>
public static class SouthAfrica
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(2);

    public static DateTimeOffset ToLocal(DateTimeOffset instant) => instant.ToOffset(Offset);
}
