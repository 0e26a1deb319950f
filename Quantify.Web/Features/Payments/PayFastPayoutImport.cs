using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Payments;

/// <summary>A payout found in the export: when, how much, and how it was split over the estates' trust accounts (empty when already imported).</summary>
public sealed record PayoutLine(int Row, DateTimeOffset Date, string Reference, decimal Amount, IReadOnlyList<(string Estate, decimal Amount)> Split, bool AlreadyImported);

/// <summary>
/// The outcome of an import: refused (<see cref="Errors"/>, naming row and field; nothing posted), or the payouts
/// posted, the clearing balance after them, and every difference between PayFast's export and the ledger.
/// </summary>
public sealed record PayoutImportResult(IReadOnlyList<string> Errors, IReadOnlyList<PayoutLine> Payouts, int Payments, decimal ClearingAfter, decimal? ExportBalance,
    IReadOnlyList<string> Differences)
{
    public bool Refused => Errors.Count > 0;
    public int Posted => Payouts.Count(p => !p.AlreadyImported);
}

/// <summary>
/// Imports PayFast's transaction history export (CSV, header row first; PayFast's documented columns "Date", "Type",
/// "Sign", "Party", "Name", "Description", "Currency", "Funding Type", "Gross", "Fee", "Net", "Balance", "M Payment ID",
/// "PF Payment ID", ...), found by header name so any column order reads. Payment rows (FUNDS_RECEIVED) are matched to
/// the ledger (gross and fee, differences listed); payout rows (PAYOUT / WITHDRAWAL: money PayFast sent to the bank)
/// move PayFast clearing to the estates' trust bank accounts, split in proportion to what each estate has in clearing
/// (docs/reconciliation.md, "Settlement accounts"). One database transaction: a file is posted whole or not at all.
/// </summary>
public sealed class PayFastPayoutImport(IDbContextFactory<QuantifyDbContext> factory, LedgerService ledger, PayFastOptions options)
{
    public const int MaxBytes = 5 * 1024 * 1024;
    private static readonly string[] Required = ["Date", "Type", "Gross", "Fee", "Net", "PF Payment ID", "M Payment ID"];
    private static readonly string[] PayoutTypes = ["PAYOUT", "WITHDRAWAL", "FUNDS_WITHDRAWN"];

    public async Task<PayoutImportResult> ImportAsync(string csv, CancellationToken ct = default)
    {
        var errors = new List<string>();
        PayoutImportResult Refuse(string error) => new([error], [], 0, 0, null, []);
        if (Encoding.UTF8.GetByteCount(csv) > MaxBytes) return Refuse($"The file is larger than {MaxBytes / 1024 / 1024} MB: export a shorter period.");
        var rows = Csv.Parse(csv.TrimStart('\uFEFF'));
        if (rows.Count == 0) return Refuse("The file is empty: export PayFast's transaction history as CSV, header row included.");
        var header = rows[0].Select(h => h.Trim()).ToList();
        int Col(string name) => header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
        var missing = Required.Where(r => Col(r) < 0).ToList();
        if (missing.Count > 0)
            return Refuse($"Row 1: {(missing.Count == 1 ? "column" : "columns")} {string.Join(", ", missing.Select(m => $"\"{m}\""))} not found; this is not PayFast's transaction history export (its header is: {string.Join(", ", header)}).");
        var merchantCol = Col("Merchant ID");
        var balanceCol = Col("Balance");

        var payments = new List<(int Row, string Pf, string Reference, decimal Gross, decimal Fee)>();
        var payouts = new List<(int Row, DateTimeOffset Date, decimal Amount, string Reference)>();
        var differences = new List<string>();
        decimal? exportBalance = null;
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = rows[i];
            var n = i + 1;
            if (cells.All(string.IsNullOrWhiteSpace)) continue;
            if (cells.Count < header.Count) { errors.Add($"Row {n}: {Plural.Count(cells.Count, "field")}, the header has {header.Count}."); continue; }
            string Cell(int c) => cells[c].Trim(); // every column the import reads is in the header, and the row is as long as the header
            if (merchantCol >= 0 && Cell(merchantCol) != options.MerchantId)
            {
                errors.Add($"Row {n}, Merchant ID: '{Cell(merchantCol)}' is another merchant's export (ours is {options.MerchantId}).");
                continue;
            }
            if (!DateTimeOffset.TryParseExact(Cell(Col("Date")), ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var utc))
            {
                errors.Add($"Row {n}, Date: '{Cell(Col("Date"))}' is not a date and time like 2020-02-27 13:29:55.");
                continue;
            }
            var date = new DateTimeOffset(DateTime.SpecifyKind(utc.UtcDateTime, DateTimeKind.Unspecified), TimeSpan.FromHours(2)); // PayFast's times are South African
            decimal? Amount(string field)
            {
                var text = Cell(Col(field));
                if (Money(text) is { } value) return value;
                errors.Add($"Row {n}, {field}: '{text}' is not an amount.");
                return null;
            }
            var (gross, fee, net) = (Amount("Gross"), Amount("Fee"), Amount("Net"));
            if (gross is null || fee is null || net is null) continue;
            if (balanceCol >= 0 && Money(Cell(balanceCol)) is { } balance) exportBalance = balance;
            var type = Cell(Col("Type")).ToUpperInvariant().Replace(' ', '_');
            if (type == "FUNDS_RECEIVED")
            {
                var pf = Cell(Col("PF Payment ID"));
                if (pf.Length == 0) { errors.Add($"Row {n}, PF Payment ID: a payment without PayFast's payment id."); continue; }
                if (gross + fee != net) differences.Add($"Row {n}: gross {Format(gross.Value)} + fee {Format(fee.Value)} is not the net {Format(net.Value)}.");
                payments.Add((n, pf, Cell(Col("M Payment ID")), gross.Value, -fee.Value));
            }
            else if (PayoutTypes.Contains(type))
            {
                if (net >= 0) { errors.Add($"Row {n}, Net: a payout takes money out of PayFast, so its net is negative; '{Cell(Col("Net"))}' is not."); continue; }
                payouts.Add((n, date, -net.Value, string.Create(CultureInfo.InvariantCulture, $"{date:yyyyMMddHHmmss}-{-net.Value * 100:0}")));
            }
            else differences.Add($"Row {n}: {Cell(Col("Type"))} {Format(net.Value)} is not a payment or a payout: not imported, book it by hand.");
        }
        if (errors.Count > 0) return new PayoutImportResult(errors, [], 0, 0, null, []);

        await using var db = await factory.CreateDbContextAsync(ct);
        var pfIds = payments.Select(p => p.Pf).ToList();
        var known = await db.Set<PendingPayment>().AsNoTracking().Where(p => p.PfPaymentId != null && pfIds.Contains(p.PfPaymentId) && p.Status == PaymentStatus.Completed)
            .Select(p => new { p.PfPaymentId, p.Reference, p.Amount }).ToDictionaryAsync(p => p.PfPaymentId!, ct);
        if (payments.Count > 0 && known.Count == 0)
            return new PayoutImportResult([$"Row {payments[0].Row}, PF Payment ID: none of the export's {Plural.Count(payments.Count, "payment")} (first: {payments[0].Pf}) is one of ours: this is another merchant's export, or the wrong account. Nothing posted."],
                [], 0, 0, null, []);
        var feeCodes = await (from a in db.LedgerAccounts where a.Kind == AccountKind.GatewayFees select a.Id).ToListAsync(ct);
        var keys = pfIds.SelectMany(p => new[] { "payfast:" + p, "payfast-fee:" + p }).ToList();
        var booked = (await (from l in db.LedgerLines.AsNoTracking()
                             join t in db.LedgerTransactions on l.TransactionId equals t.Id
                             where keys.Contains(t.IdempotencyKey) && feeCodes.Contains(l.AccountId)
                             select new { t.IdempotencyKey, l.Amount }).ToListAsync(ct))
            .GroupBy(x => x.IdempotencyKey[(x.IdempotencyKey.IndexOf(':') + 1)..]).ToDictionary(g => g.Key, g => -g.Sum(x => x.Amount));
        foreach (var p in payments)
        {
            if (!known.TryGetValue(p.Pf, out var ours)) { differences.Add($"Row {p.Row}: PayFast payment {p.Pf} ({p.Reference}, {Format(p.Gross)}) is not a completed payment in Quantify."); continue; }
            if (ours.Amount != p.Gross) differences.Add($"Row {p.Row}: PayFast payment {p.Pf} is {Format(p.Gross)} in the export but {Format(ours.Amount)} in Quantify.");
            var fee = booked.GetValueOrDefault(p.Pf);
            if (fee != p.Fee) differences.Add($"Row {p.Row}: PayFast's fee on {p.Pf} is {Format(p.Fee)} but {Format(fee)} was booked from the ITN.");
        }

        // Each estate's money in clearing: what its transactions left there (top-ups less fees, less earlier payouts).
        var clearingCode = AccountCode.PayFastClearing.ToString();
        var inClearing = (await (from l in db.LedgerLines.AsNoTracking()
                                 join a in db.LedgerAccounts on l.AccountId equals a.Id
                                 join t in db.LedgerTransactions on l.TransactionId equals t.Id
                                 where a.Code == clearingCode && t.EstateId != null
                                 select new { EstateId = t.EstateId!.Value, l.Amount }).ToListAsync(ct))
            .GroupBy(x => x.EstateId).ToDictionary(g => g.Key, g => -g.Sum(x => x.Amount));
        var names = await db.Estates.AsNoTracking().ToDictionaryAsync(e => e.Id, e => e.Name, ct);

        var lines = new List<PayoutLine>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var payout in payouts.OrderBy(p => p.Date))
        {
            var prefix = "payfast-payout:" + payout.Reference + ":";
            if (await db.LedgerTransactions.AnyAsync(t => t.IdempotencyKey.StartsWith(prefix), ct))
            {
                lines.Add(new PayoutLine(payout.Row, payout.Date, payout.Reference, payout.Amount, [], true));
                continue;
            }
            var available = inClearing.Where(e => e.Value > 0).ToList();
            var total = available.Sum(e => e.Value);
            if (payout.Amount > total)
                return new PayoutImportResult([$"Row {payout.Row}, Net: the payout of {Format(payout.Amount)} is more than PayFast clearing holds ({Format(total)}): import the payments first or check the export. Nothing posted."],
                    [], 0, 0, null, []);
            var split = Split(payout.Amount, available);
            foreach (var (estate, amount) in split)
            {
                var posted = await ledger.PostInAsync(db, Postings.PayFastPayout(payout.Reference + ":" + estate.ToString(CultureInfo.InvariantCulture), amount,
                    DateOnly.FromDateTime(payout.Date.DateTime), AccountCode.TrustBank(estate)), ct);
                if (posted.IsFailure) return new PayoutImportResult([$"Row {payout.Row}: the ledger refused the payout: {posted.Describe()} Nothing posted."], [], 0, 0, null, []);
                inClearing[estate] -= amount;
            }
            lines.Add(new PayoutLine(payout.Row, payout.Date, payout.Reference, payout.Amount, split.Select(s => (names[s.Estate], s.Amount)).ToList(), false));
        }
        await tx.CommitAsync(ct);

        var clearingAfter = inClearing.Values.Sum();
        if (exportBalance is { } last && last != clearingAfter)
            differences.Add($"PayFast's balance after the last row is {Format(last)} but clearing in the ledger holds {Format(clearingAfter)}: {Format(clearingAfter - last)} difference.");
        return new PayoutImportResult([], lines, payments.Count, clearingAfter, exportBalance, differences);
    }

    /// <summary>Splits an amount over the estates in proportion to their clearing balances; remainder cents go to the largest balances first (then lowest id), so it is exact and repeatable.</summary>
    public static List<(int Estate, decimal Amount)> Split(decimal amount, IReadOnlyList<KeyValuePair<int, decimal>> balances)
    {
        var total = balances.Sum(b => b.Value);
        var shares = balances.Select(b => (Estate: b.Key, Balance: b.Value, Amount: Math.Floor(amount * b.Value / total * 100m) / 100m)).ToList();
        var left = amount - shares.Sum(s => s.Amount);
        var order = shares.OrderByDescending(s => s.Balance).ThenBy(s => s.Estate).Select(s => s.Estate).ToList();
        for (var i = 0; left > 0; i = (i + 1) % order.Count, left -= 0.01m)
        {
            var at = shares.FindIndex(s => s.Estate == order[i]);
            shares[at] = shares[at] with { Amount = shares[at].Amount + 0.01m };
        }
        return shares.Where(s => s.Amount > 0).Select(s => (s.Estate, s.Amount)).OrderBy(s => s.Estate).ToList();
    }

    /// <summary>PayFast writes "22,574.02" (thousands comma, quoted) and "-24.73".</summary>
    private static decimal? Money(string text) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var d)
        && decimal.Round(d, 2) == d ? d : null;

    private static string Format(decimal d) => Domain.Common.Money.Format(d);

    private static class Csv
    {
        /// <summary>RFC 4180: quoted fields may hold commas, quotes ("") and line breaks.</summary>
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (c == '"') quoted = false;
                    else field.Append(c);
                }
                else if (c == '"') quoted = true;
                else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (c is '\n' or '\r')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    row.Add(field.ToString()); field.Clear();
                    rows.Add(row); row = [];
                }
                else field.Append(c);
            }
            if (field.Length > 0 || row.Count > 0) { row.Add(field.ToString()); rows.Add(row); }
            return rows;
        }
    }
}
