using System.Globalization;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Cli;

/// <summary>
/// `ledger verify [--estate ID] [--wallet ID] [--period yyyy-MM]`: recomputes every hash chain and balance; exit 1 on any
/// problem. With <c>--estate</c> and <c>--period</c> it also prints the period's ledger-line hash, the one on the audit
/// pack (docs/reconciliation.md), and with <c>--expect HASH</c> exits 1 when it differs.
/// </summary>
public static class LedgerVerb
{
    private const string Usage = "usage: ledger verify [--estate ID] [--wallet ID] [--period yyyy-MM [--expect HASH]]";

    public static Task<int> RunAsync(WebApplication app, string[] args) => RunAsync(app.Services, args, Console.Out, Console.Error);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        string? Text(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int? Option(string name) => int.TryParse(Text(name), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var verifier = services.GetRequiredService<LedgerVerifier>();
        var result = await verifier.VerifyAsync(Option("--wallet"), Option("--estate"));
        await output.WriteLineAsync(result.Summary);
        foreach (var p in result.Problems) await output.WriteLineAsync("  " + p.Message);
        var ok = result.IsValid;
        if (Text("--period") is { } period)
        {
            if (Option("--estate") is not int estate
                || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                await error.WriteLineAsync(Usage + " (--period needs --estate and a month like 2026-11)");
                return 2;
            }
            var print = await verifier.PeriodAsync(estate, first, first.AddMonths(1).AddDays(-1));
            await output.WriteLineAsync($"Period {period} of estate {estate}: {print.Transactions} transactions, {print.Lines} lines, SHA-256 {print.Hash}");
            if (Text("--expect") is { } expected)
            {
                var same = string.Equals(expected.Trim(), print.Hash, StringComparison.OrdinalIgnoreCase);
                await output.WriteLineAsync(same ? "Matches the audit pack's hash." : $"DOES NOT match the expected hash {expected}: the period's lines changed.");
                ok &= same;
            }
        }
        return ok ? 0 : 1;
    }
}
