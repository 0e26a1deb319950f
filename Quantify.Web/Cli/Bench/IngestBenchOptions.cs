using System.Globalization;

namespace Quantify.Web.Cli.Bench;

/// <summary>What `bench ingest` runs: how many meters, for how long, at what rate, and what it keeps afterwards.</summary>
public sealed record IngestBenchOptions
{
    public const string Usage =
        "usage: bench ingest [--meters N (2000)] [--seconds S (20)] [--rate R (0 = as fast as possible)] [--warmup S (30)]\n" +
        "                    [--publishers P (auto)] [--max-outstanding N (5000)] [--no-baseline] [--keep] [--json]\n" +
        "                    [--transport-only]";

    /// <summary>Units, each with one LoRaWAN electricity meter.</summary>
    public int Meters { get; init; } = 2000;
    /// <summary>Length of the measured window, after the warm-up.</summary>
    public double Seconds { get; init; } = 20;
    /// <summary>Readings per second offered by the publishers; 0 offers as many as the pipeline takes.</summary>
    public int Rate { get; init; }
    /// <summary>
    /// Published before the measured window starts (connections, caches, JIT); excluded from every figure. Tiered
    /// compilation keeps recompiling hot code for about 30 s on 2 cores (the report's jit line shows what is left).
    /// </summary>
    public double WarmupSeconds { get; init; } = 30;
    /// <summary>MQTT publisher connections; 0 picks one per 250 meters, at most 8.</summary>
    public int Publishers { get; init; }
    /// <summary>At full speed, publishers pause while this many readings are published but not yet committed.</summary>
    public int MaxOutstanding { get; init; } = 5_000;
    /// <summary>Also time a plain batched SQLite insert of the same rows (the ceiling).</summary>
    public bool Baseline { get; init; } = true;
    /// <summary>Keep the temporary database folder (its path is printed).</summary>
    public bool Keep { get; init; }
    public bool Json { get; init; }
    /// <summary>
    /// Only the MQTT transport and the decoding: publishers, broker and subscriber as in a full run, but each batch is
    /// decoded and acknowledged without being stored, priced or posted. What the rest of the process leaves for the writer.
    /// </summary>
    public bool TransportOnly { get; init; }
    /// <summary>Content root for the benchmark host; the command line passes the application's own.</summary>
    public string? ContentRoot { get; init; }

    public int PublisherCount => Publishers > 0 ? Math.Min(Publishers, Meters) : Math.Clamp((Meters + 249) / 250, 1, 8);

    public static (IngestBenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var o = new IngestBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            try
            {
                o = name switch
                {
                    "--meters" => o with { Meters = PositiveInt(Next(), name) },
                    "--seconds" => o with { Seconds = PositiveDouble(Next(), name) },
                    "--rate" => o with { Rate = NonNegativeInt(Next(), name) },
                    "--warmup" => o with { WarmupSeconds = NonNegativeDouble(Next(), name) },
                    "--publishers" => o with { Publishers = PositiveInt(Next(), name) },
                    "--max-outstanding" => o with { MaxOutstanding = PositiveInt(Next(), name) },
                    "--no-baseline" => o with { Baseline = false },
                    "--keep" => o with { Keep = true },
                    "--json" => o with { Json = true },
                    "--transport-only" => o with { TransportOnly = true, Baseline = false },
                    _ => throw new FormatException($"Unknown option '{name}'."),
                };
            }
            catch (FormatException ex)
            {
                return (null, ex.Message);
            }
        }
        return (o, null);
    }

    private static int PositiveInt(string s, string name) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new FormatException($"{name} must be a whole number above 0.");

    private static int NonNegativeInt(string s, string name) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{name} must be a whole number, 0 or more.");

    private static double PositiveDouble(string s, string name) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new FormatException($"{name} must be a number above 0.");

    private static double NonNegativeDouble(string s, string name) =>
        double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"{name} must be a number, 0 or more.");
}
