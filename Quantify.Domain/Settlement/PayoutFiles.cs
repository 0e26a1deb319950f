using System.Globalization;
using System.Text;

namespace Quantify.Domain.Settlement;

/// <summary>
/// Payout batch files for the bank (docs/settlement.md, "Payout files"). Both are CSV with CRLF line ends, invariant
/// numbers (a dot before the cents, no thousands separator) and no totals row.
/// </summary>
public static class PayoutFiles
{
    /// <summary>
    /// The generic layout: a header row, then one row per payment — own reference, payee, bank, branch code, account
    /// number, amount, beneficiary reference. Text is quoted only where it has to be (RFC 4180).
    /// </summary>
    public static byte[] GenericCsv(IReadOnlyList<PayoutFileLine> lines)
    {
        var sb = new StringBuilder("Own reference,Payee,Bank,Branch code,Account number,Amount,Beneficiary reference\r\n");
        foreach (var l in lines)
            sb.Append(string.Join(',', Quote(l.OwnReference), Quote(l.PayeeName), Quote(l.BankName), l.BranchCode, l.AccountNumber, Amount(l.Amount), Quote(l.Reference))).Append("\r\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary>
    /// The South African ACB creditor CSV ("MAINCSV" creditor layout of the ACB EFT bureau software,
    /// https://acbtransfers.co.za/csvmain.html): one header row and no footer; columns A own reference, B creditor name,
    /// C net amount (a dot before the cents), D account number, E branch code, F the reference on the creditor's bank
    /// statement, G e-mail for the payment notice (optional, left empty). No field longer than 16 characters, no commas,
    /// all as text: longer names are cut to 16 and commas dropped, so the file always loads.
    /// </summary>
    public static byte[] AcbCreditorCsv(IReadOnlyList<PayoutFileLine> lines)
    {
        var sb = new StringBuilder("No,Name,Amount,Acc No,BR Code,Reference,Email\r\n");
        foreach (var l in lines)
            sb.Append(string.Join(',', Field(l.OwnReference), Field(l.PayeeName), Amount(l.Amount), Field(l.AccountNumber), Field(l.BranchCode), Field(l.Reference), "")).Append("\r\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Field(string text)
    {
        var clean = new string(text.Where(c => c != ',' && c != '"' && c >= ' ' && c < 127).ToArray()).Trim();
        return clean.Length > 16 ? clean[..16].TrimEnd() : clean;
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 || s.StartsWith(' ') ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;
}
