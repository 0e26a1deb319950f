namespace Quantify.Web.Features.Areas;

/// <summary>Open meter alerts (unresolved, one per meter and kind) and open tickets (open or in progress) in a scope.</summary>
public sealed record OpenCounts(int Alerts, int Tickets)
{
    public static OpenCounts None { get; } = new(0, 0);
}
