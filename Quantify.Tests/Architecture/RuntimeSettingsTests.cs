using System.Text.Json;

namespace Quantify.Tests.Architecture;

/// <summary>
/// The runtime settings the product ships with (Quantify.Web.runtimeconfig.json, what `dotnet Quantify.Web.dll` reads):
/// docs/performance.md's figures depend on them.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void TheShippedRuntimeConfig_HasServerGc_AndThreadPoolWorkersThatSleepWithoutSpinning()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Quantify.Web.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));
        var properties = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        // .NET's default is 70 spins (sched_yield) before an idle worker sleeps: on 2 cores, 5 times the context switches.
        Assert.Equal(0, properties.GetProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit").GetInt32());
        Assert.True(properties.GetProperty("System.GC.Server").GetBoolean());
    }
}
