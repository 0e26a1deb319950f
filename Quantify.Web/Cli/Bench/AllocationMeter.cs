using System.Diagnostics.Tracing;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// Bytes allocated by the whole process, summed from the runtime's GCAllocationTick events (one about every 100 KB
/// allocated, each carrying the exact amount since the previous one). <see cref="GC.GetTotalAllocatedBytes"/> cannot be
/// used: under Server GC with a dynamic heap count (DATAS, on by default for ASP.NET Core apps since .NET 9) it is not
/// monotonic, because a heap taken out of service drops out of the sum (dotnet/runtime#131069), and bench ingest
/// printed 0 and negative KB per reading at 1,100 readings/s.
/// </summary>
public sealed class AllocationMeter : EventListener
{
    private const string Runtime = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    private long bytes;
    private long ticks;

    public long Bytes => Interlocked.Read(ref bytes);

    /// <summary>How many allocation events were counted (zero means the runtime sent none: the figure is not measured).</summary>
    public long Ticks => Interlocked.Read(ref ticks);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == Runtime) EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.Payload is null || eventData.PayloadNames is null) return;
        var index = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (index < 0) index = eventData.PayloadNames.IndexOf("AllocationAmount");
        if (index < 0) return;
        Interlocked.Add(ref bytes, Convert.ToInt64(eventData.Payload[index], System.Globalization.CultureInfo.InvariantCulture));
        Interlocked.Increment(ref ticks);
    }
}
