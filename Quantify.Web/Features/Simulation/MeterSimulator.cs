using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Quantify.Ingestion.Mqtt;
using Quantify.Web.Data;
using Quantify.Web.Demo;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Features.Simulation;

/// <summary>
/// Simulated meters inside the app (the demo): waits until the app has started - broker listening, server bound - then
/// runs the <see cref="SimulationEngine"/> against this instance's own broker and URL until shutdown. Off unless
/// <see cref="SimulationOptions.IsEnabled"/>; never takes the host down, whatever goes wrong.
/// </summary>
public sealed class MeterSimulator(
    SimulationOptions options,
    DemoOptions demo,
    IngestionOptions ingestion,
    MqttOptions mqtt,
    IDbContextFactory<QuantifyDbContext> factory,
    GatewayKeys keys,
    TimeProvider clock,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger log = loggers.CreateLogger<MeterSimulator>();

    /// <summary>The running engine (null until started, or when the simulator is off): for tests and diagnostics.</summary>
    public SimulationEngine? Engine { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.IsEnabled(demo, ingestion)) return;
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            log.LogError("Meter simulator not started: {Problems}", string.Join(" ", problems));
            return;
        }
        try
        {
            await WhenStartedAsync(stoppingToken);
            var baseUrl = options.BaseUrl ?? OwnAddress(server);
            await using var engine = new SimulationEngine(options, options.Broker.Resolve(mqtt), baseUrl, factory, keys, clock, loggers);
            Engine = engine;
            log.LogInformation("Meter simulator: a reading every {Interval} s at {Acceleration}x time, MQTT {Broker}, HTTP {BaseUrl}",
                options.ReadingIntervalSeconds, options.TimeAcceleration, engine.Broker, baseUrl ?? "(none)");
            await engine.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            log.LogError(ex, "Meter simulator stopped");
        }
        finally
        {
            Engine = null;
        }
    }

    private async Task WhenStartedAsync(CancellationToken ct)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var a = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var b = ct.Register(() => started.TrySetCanceled(ct));
        await started.Task;
    }

    /// <summary>This instance's own base URL from the server's bound addresses (a wildcard host becomes 127.0.0.1); null for an in-memory test server.</summary>
    public static string? OwnAddress(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (chosen is null) return null;
        var uri = new UriBuilder(chosen.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "127.0.0.1";
        return uri.Uri.GetLeftPart(UriPartial.Authority);
    }
}
