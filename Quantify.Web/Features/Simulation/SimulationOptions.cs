using Quantify.Ingestion.Mqtt;
using Quantify.Web.Demo;
using Quantify.Web.Features.Ingestion;

namespace Quantify.Web.Features.Simulation;

/// <summary>Configuration section "Simulation": simulated meters for the demo and for load on a test instance (docs/simulator.md).</summary>
public sealed class SimulationOptions
{
    /// <summary>
    /// Run the simulated meters inside this instance. Unset: on when the demo is asked for (<c>--demo</c> or the
    /// Development environment) and ingestion runs here; never otherwise.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>Real seconds between two readings of every simulated meter.</summary>
    public int ReadingIntervalSeconds { get; set; } = 30;

    /// <summary>
    /// Simulated time per real time: each reading carries <c>interval × TimeAcceleration</c> of consumption at the load shape's
    /// current rate (the default, 20, makes a 30-second reading worth 10 minutes of use, so balances visibly move).
    /// Keep <c>interval × TimeAcceleration</c> under about an hour, or readings exceed the pipeline's plausibility
    /// ceiling and are held as anomalies.
    /// </summary>
    public double TimeAcceleration { get; set; } = 20;

    /// <summary>Chance per water or hot-water meter per interval that a leak starts (it then runs for a while).</summary>
    public double LeakRate { get; set; } = 0.0005;

    /// <summary>Chance per reading that the meter reports a tamper.</summary>
    public double TamperRate { get; set; } = 0.0002;

    /// <summary>Chance per LoRaWAN uplink that it is garbage (wrong length, unknown port, broken JSON): the app dead-letters it.</summary>
    public double MalformedRate { get; set; } = 0.001;

    /// <summary>Seed for the fault dice; unset = different faults on every run. Load shapes are always deterministic per meter.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>The MQTT broker to publish uplinks to. Unset values come from this app's own <c>Ingestion:Mqtt</c> settings.</summary>
    public SimulationBrokerOptions Broker { get; set; } = new();

    /// <summary>The app's base URL for 4G gateway batches. Unset: this instance's own address (the <c>simulate</c> verb: <c>urls</c>, else http://localhost:5042).</summary>
    public string? BaseUrl { get; set; }

    public TimeSpan Interval => TimeSpan.FromSeconds(ReadingIntervalSeconds);

    public bool IsEnabled(DemoOptions demo, IngestionOptions ingestion) => Enabled ?? (demo.RunSimulator && ingestion.Enabled);

    /// <summary>What is wrong with these settings, one message per problem (empty when they are usable).</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (ReadingIntervalSeconds is < 1 or > 86_400) problems.Add($"Simulation:ReadingIntervalSeconds is {ReadingIntervalSeconds}; use 1-86400.");
        if (!(TimeAcceleration is > 0 and <= 100_000)) problems.Add($"Simulation:TimeAcceleration is {TimeAcceleration}; use a factor above 0 (1 = real time).");
        foreach (var (name, rate) in new[] { ("LeakRate", LeakRate), ("TamperRate", TamperRate), ("MalformedRate", MalformedRate) })
            if (!(rate is >= 0 and <= 1)) problems.Add($"Simulation:{name} is {rate}; it is a probability, 0-1.");
        return problems;
    }
}

/// <summary>"Simulation:Broker": where the simulated ChirpStack publishes. Each unset value falls back to <see cref="MqttOptions"/>.</summary>
public sealed class SimulationBrokerOptions
{
    public string? Host { get; set; }
    public int? Port { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    /// <summary>MQTT client id (the broker requires one). Unset: quantify-simulator-{process id}.</summary>
    public string? ClientId { get; set; }
    /// <summary>ChirpStack application id in uplink topics. Unset: <see cref="MqttOptions.ChirpStackApplicationId"/>.</summary>
    public string? ApplicationId { get; set; }

    public ResolvedBroker Resolve(MqttOptions app) => new(
        Host ?? (app.Host is "0.0.0.0" or "" ? "127.0.0.1" : app.Host),
        Port ?? app.Port,
        Username ?? app.Username,
        Password ?? app.Password,
        ClientId ?? $"quantify-simulator-{Environment.ProcessId}",
        ApplicationId ?? app.ChirpStackApplicationId);
}

public sealed record ResolvedBroker(string Host, int Port, string Username, string Password, string ClientId, string ApplicationId)
{
    public override string ToString() => $"{Host}:{Port} as {Username} (client {ClientId})";
}

public static class SimulationRegistration
{
    /// <summary>
    /// The meter simulator. Registered on every instance; <see cref="MeterSimulator"/> decides at start whether to run
    /// (<see cref="SimulationOptions.IsEnabled"/>), so the <c>simulate</c> verb can reuse the same options.
    /// </summary>
    public static IServiceCollection AddSimulation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection("Simulation").Get<SimulationOptions>() ?? new SimulationOptions());
        services.AddHostedService<MeterSimulator>();
        return services;
    }
}
