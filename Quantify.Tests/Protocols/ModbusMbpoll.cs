using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Quantify.Tests.Protocols;

/// <summary>Runs the real mbpoll binary (Debian package mbpoll), an independent Modbus master.</summary>
public static partial class ModbusMbpoll
{
    public const string Path = "/usr/bin/mbpoll";

    public sealed record Result(int ExitCode, string Output)
    {
        /// <summary>The values mbpoll printed, by reference: lines like "[343]: \t1234.5".</summary>
        public IReadOnlyDictionary<int, string> Values => ValueLine().Matches(Output).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        Assert.True(File.Exists(Path), $"mbpoll is not installed ({Path} is missing): run 'apt-get install -y mbpoll' (./test.sh installs it). These tests check our Modbus slave against an independent master.");
        var psi = new ProcessStartInfo(Path, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"mbpoll {string.Join(' ', args)} did not finish within 30 s.");
        }
        return new Result(process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ValueLine();
}
