using System.Globalization;

namespace Quantify.Web.Cli.Bench;

/// <summary>What `bench portal` runs: the estate's size, how many timed runs, circuits and readings.</summary>
public sealed record PortalBenchOptions
{
    public const string Usage =
        "usage: bench portal [--units N (1000)] [--runs R (20)] [--circuits C (50)] [--readings M (50)] [--spacing-ms MS (600)]\n" +
        "                    [--circuit-path PATH (/tenant)] [--dump-pause S (0)] [--ingest-rate R (0)]\n" +
        "                    [--chromium PATH (/usr/bin/chromium)] [--no-browser] [--keep]";

    /// <summary>Units in the one estate (each with a tenant, an electricity meter and a wallet).</summary>
    public int Units { get; init; } = 1000;
    /// <summary>Timed repetitions of the agent unit list (after one untimed warm-up).</summary>
    public int Runs { get; init; } = 20;
    /// <summary>Idle circuits opened for the memory figure.</summary>
    public int Circuits { get; init; } = 50;
    /// <summary>Readings published for the publish-to-screen latency.</summary>
    public int Readings { get; init; } = 50;
    /// <summary>Pause after the screen showed a reading before the next is published (longer than the live coalescing window).</summary>
    public int SpacingMs { get; init; } = 600;
    /// <summary>The page each idle circuit shows (another page, e.g. /not-found, gives the layout and framework share on its own).</summary>
    public string CircuitPath { get; init; } = "/tenant";
    /// <summary>Seconds to wait at each memory measurement point so that an outside tool (dotnet-gcdump) can take a heap snapshot.</summary>
    public int DumpPause { get; init; }
    /// <summary>During (c), readings per second published for every other unit's meter into the same broker and pipeline (0: none).</summary>
    public int IngestRate { get; init; }
    public string Chromium { get; init; } = "/usr/bin/chromium";
    /// <summary>Only the server-side figures (no Chromium on the machine).</summary>
    public bool NoBrowser { get; init; }
    public bool Keep { get; init; }
    public string? ContentRoot { get; init; }

    public static (PortalBenchOptions? Options, string? Error) Parse(IReadOnlyList<string> args)
    {
        var o = new PortalBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Next() => i + 1 < args.Count ? args[++i] : throw new FormatException($"{name} needs a value.");
            try
            {
                o = name switch
                {
                    "--units" => o with { Units = Positive(Next(), name) },
                    "--runs" => o with { Runs = Positive(Next(), name) },
                    "--circuits" => o with { Circuits = Positive(Next(), name) },
                    "--readings" => o with { Readings = Positive(Next(), name) },
                    "--spacing-ms" => o with { SpacingMs = Positive(Next(), name) },
                    "--circuit-path" => o with { CircuitPath = Path(Next(), name) },
                    "--dump-pause" => o with { DumpPause = Positive(Next(), name) },
                    "--ingest-rate" => o with { IngestRate = Positive(Next(), name) },
                    "--chromium" => o with { Chromium = Next() },
                    "--no-browser" => o with { NoBrowser = true },
                    "--keep" => o with { Keep = true },
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

    /// <summary>A path on the portal itself (it goes into a script as the frames' src): a slash, then letters, digits, '/', '-', '_' or '.'.</summary>
    private static string Path(string s, string name) =>
        s.Length > 1 && s[0] == '/' && s[1] != '/' && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')
            ? s : throw new FormatException($"{name} must be a path on the portal, like /tenant.");

    private static int Positive(string s, string name) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : throw new FormatException($"{name} must be a whole number above 0.");
}
