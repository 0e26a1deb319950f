using Quantify.Web.Cli.Bench;

namespace Quantify.Tests.Bench;

/// <summary>bench ingest's allocation figure counts what the process really allocates.</summary>
public sealed class AllocationMeterTests
{
    [Fact]
    public async Task Allocations_AreCounted_FromTheRuntimesOwnEvents()
    {
        using var meter = new AllocationMeter();
        var keep = new List<byte[]>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        // Events arrive asynchronously, and the listener may start a moment after it is created: allocate until 32 MB
        // have been counted, never more than 30 s.
        long allocated = 0;
        while (meter.Bytes < 32L << 20 && DateTime.UtcNow < deadline)
        {
            for (var i = 0; i < 64; i++) keep.Add(new byte[16 * 1024]);
            allocated += 64 * 16 * 1024;
            if (keep.Count > 4096) keep.Clear();
            await Task.Delay(5);
        }
        Assert.True(meter.Bytes >= 32L << 20, $"counted {meter.Bytes:N0} bytes of the {allocated:N0} allocated");
        Assert.True(meter.Ticks > 0);
        // What it counted is what was allocated, not a multiple of it (other threads of the test run add a little).
        Assert.InRange(meter.Bytes, 32L << 20, allocated * 3 + (64L << 20));
    }
}
