using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Cli;

/// <summary>`ledger verify [--estate ID] [--wallet ID]`: recomputes every hash chain and balance; exit 1 on any problem.</summary>
public static class LedgerVerb
{
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "verify")
        {
            Console.Error.WriteLine("usage: ledger verify [--estate ID] [--wallet ID]");
            return 2;
        }
        int? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : null;
        var result = await app.Services.GetRequiredService<LedgerVerifier>().VerifyAsync(Option("--wallet"), Option("--estate"));
        Console.WriteLine(result.Summary);
        foreach (var p in result.Problems) Console.WriteLine("  " + p.Message);
        return result.IsValid ? 0 : 1;
    }
}
