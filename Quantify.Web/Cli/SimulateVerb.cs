using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Ingestion.Mqtt;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Simulation;

namespace Quantify.Web.Cli;

/// <summary>
/// <c>simulate [--seconds N] [--interval S] [--quiet]</c>: runs the meter simulator on its own against a running instance
/// (same configuration, so the same database, broker credentials and gateway keys), printing what it sends every
/// interval. Stops after N seconds, or on Ctrl+C. Exit 1 when there is nothing to simulate or nothing got through.
/// </summary>
public static class SimulateVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        int? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length
            && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine("usage: simulate [--seconds N] [--interval SECONDS] [--quiet]");
            return 0;
        }
        var services = app.Services;
        var configured = services.GetRequiredService<SimulationOptions>();
        var options = new SimulationOptions
        {
            ReadingIntervalSeconds = Option("--interval") ?? configured.ReadingIntervalSeconds,
            TimeAcceleration = configured.TimeAcceleration,
            LeakRate = configured.LeakRate,
            TamperRate = configured.TamperRate,
            MalformedRate = configured.MalformedRate,
            RandomSeed = configured.RandomSeed,
            Broker = configured.Broker,
            BaseUrl = configured.BaseUrl ?? AppUrl(app.Configuration),
        };
        if (options.Problems() is { Count: > 0 } problems)
        {
            foreach (var p in problems) Console.Error.WriteLine(p);
            return 2;
        }
        var quiet = args.Contains("--quiet");
        var seconds = Option("--seconds");

        using var stop = new CancellationTokenSource();
        if (seconds is int s) stop.CancelAfter(TimeSpan.FromSeconds(s));
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await using var engine = new SimulationEngine(options, options.Broker.Resolve(services.GetRequiredService<MqttOptions>()), options.BaseUrl,
                services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>(), services.GetRequiredService<GatewayKeys>(), TimeProvider.System,
                services.GetRequiredService<ILoggerFactory>());
            Console.WriteLine($"Simulating meters: a reading every {options.ReadingIntervalSeconds} s at {options.TimeAcceleration}x time; " +
                              $"MQTT {engine.Broker}; HTTP {engine.BaseUrl}; {(seconds is int n ? $"for {n} s" : "Ctrl+C to stop")}.");
            int delivered = 0, failed = 0;
            var told = false;
            engine.Activity += message => Console.WriteLine("  ! " + message);
            engine.Ticked += tick =>
            {
                delivered += tick.Messages.Count - tick.Failed;
                failed += tick.Failed;
                if (!told && tick.NotSimulated.Count > 0)
                {
                    told = true;
                    foreach (var (serial, reason) in tick.NotSimulated) Console.WriteLine($"  not simulated: {serial} ({reason})");
                }
                Console.WriteLine(tick.Summary);
                if (!quiet)
                    foreach (var m in tick.Messages) Console.WriteLine("  " + m);
            };
            await engine.RunAsync(stop.Token);
            Console.WriteLine($"Stopped: {delivered} reading(s) delivered, {failed} failed, {engine.Fleet.Count} meter(s) simulated.");
            if (engine.Fleet.Count == 0)
            {
                Console.Error.WriteLine("No active meter could be simulated: run the app with --demo first, or register meters with LoRaWAN, Modbus or 4G comms.");
                return 1;
            }
            return delivered > 0 ? 0 : 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The running instance's URL from the same configuration (<c>urls</c>, e.g. the launch profile's), else the default profile's.</summary>
    private static string AppUrl(IConfiguration configuration)
    {
        var first = (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is null) return "http://localhost:5042";
        return first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).TrimEnd('/');
    }
}
