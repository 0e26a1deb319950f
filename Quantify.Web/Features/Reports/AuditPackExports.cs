using System.Globalization;
using Quantify.Domain.Common;
using Quantify.Web.Features.Statements;
using SkiaSharp;

namespace Quantify.Web.Features.Reports;

/// <summary>The audit pack as tables (one XLSX sheet each) and as one PDF with a heading per section.</summary>
public static class AuditPackExports
{
    public const string SummaryHeading = "1. Period summary";
    public const string BalancesHeading = "2. Opening and closing balances";
    public const string TransactionsHeading = "3. Every transaction";
    public const string SettlementsHeading = "4. Settlements and payouts";
    public const string LeviesHeading = "5. Levies";
    public const string LossHeading = "6. Bulk-vs-units loss and variances";
    public const string TrailHeading = "7. Audit trail extract";
    public const string VerificationHeading = "8. Verification statement";

    public static IReadOnlyList<(string Heading, ReportTable Table)> Sections(AuditPack p)
    {
        var sub = $"{p.EstateName} · {p.Period} ({p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd})";
        ReportTable Transactions(string title, string sheet, IReadOnlyList<AuditTransactionRow> rows) => new(title, sub,
            [("Number", 1.3f), ("Date", 1f), ("Type", 1f), ("Unit", 0.8f), ("Description", 3.2f), ("Amount", 1.1f)],
            rows.Select(t => (IReadOnlyList<Cell>)[Cell.Text(t.Number), Cell.Date(t.ValueDate), Cell.Text(t.Type.ToString()), Cell.Text(t.Unit), Cell.Text(t.Description), Cell.Money(t.Amount)]).ToList(),
            [[Cell.Text("Total"), Cell.Text(""), Cell.Text(""), Cell.Text(""), Cell.Text(Plural.Count(rows.Count, "transaction")), Cell.Money(rows.Sum(t => t.Amount))]], sheet);
        var v = p.Verification;
        return
        [
            (SummaryHeading, new ReportTable(SummaryHeading, sub, [("Transaction type", 2f), ("Count", 1f), ("Amount", 1.4f)],
                p.Summary.Select(s => (IReadOnlyList<Cell>)[Cell.Text(s.Type.ToString()), Cell.Whole(s.Count), Cell.Money(s.Amount)]).ToList(),
                [[Cell.Text("All"), Cell.Whole(p.Summary.Sum(s => s.Count)), Cell.Money(p.Summary.Sum(s => s.Amount))]], "Summary")),
            (BalancesHeading, new ReportTable(BalancesHeading, sub, [("Account", 3f), ("Opening", 1.2f), ("Movement", 1.2f), ("Closing", 1.2f)],
                p.Balances.Select(b => (IReadOnlyList<Cell>)[Cell.Text(b.Account), Cell.Money(b.Opening), Cell.Money(b.Movement), Cell.Money(b.Closing)]).ToList(), [], "Balances",
                ["Ledger signs: positive is owed to someone (wallets, revenue, payables), negative is held or owed to the estate (trust bank, receivables, fees)."])),
            (TransactionsHeading, Transactions(TransactionsHeading, "Transactions", p.Transactions)),
            (SettlementsHeading, Transactions(SettlementsHeading, "Settlements", p.SettlementsAndPayouts)),
            (LeviesHeading, Transactions(LeviesHeading, "Levies", p.Levies)),
            (LossHeading, new ReportTable(LossHeading, sub, [("Utility", 1.2f), ("Bulk", 1.2f), ("Units", 1.2f), ("Loss %", 1f), ("Threshold %", 1f), ("Variance %", 1f), ("Within", 0.8f)],
                p.Loss.Select(l => (IReadOnlyList<Cell>)[Cell.Text(l.Utility), Cell.Quantity(l.Bulk), Cell.Quantity(l.Units), Cell.Quantity(l.LossPercent ?? 0m),
                    Cell.Quantity(l.ThresholdPercent), Cell.Quantity(l.Variance ?? 0m), Cell.Text(l.WithinThreshold ? "yes" : "NO")]).ToList(), [], "Loss")),
            (TrailHeading, new ReportTable(TrailHeading, sub, [("When (UTC)", 1.5f), ("Who", 2f), ("What", 1.6f), ("Action", 1f)],
                p.Trail.Select(a => (IReadOnlyList<Cell>)[Cell.Text(a.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)), Cell.Text(a.User), Cell.Text(a.Entity), Cell.Text(a.Action)]).ToList(),
                [], "Audit trail")),
            (VerificationHeading, new ReportTable(VerificationHeading, sub, [("Wallet", 0.8f), ("Unit", 0.8f), ("Chain length", 1f), ("Chain head (SHA-256)", 5f)],
                v.ChainHeads.Select(c => (IReadOnlyList<Cell>)[Cell.Whole(c.WalletId), Cell.Text(c.Unit), Cell.Text(c.Length.ToString(CultureInfo.InvariantCulture)), Cell.Text(c.Head)]).ToList(),
                [[Cell.Text("Period"), Cell.Text(p.Period), Cell.Text($"{v.Lines} lines"), Cell.Text($"Period hash: {v.PeriodHash}")]], "Verification",
                [Statement(p)])),
        ];
    }

    public static string Statement(AuditPack p)
    {
        var v = p.Verification;
        return $"Verification: the estate's {Plural.Count(v.ChainHeads.Count, "wallet chain")} {(v.ChainsVerified ? "verified" : "did NOT verify")} when this pack was made ({v.ChainSummary}); "
            + $"the heads listed are as at the end of the period ({p.To:yyyy-MM-dd}). "
            + $"The period's {Plural.Count(v.Transactions, "transaction")} ({Plural.Count(v.Lines, "ledger line")}) hash to SHA-256 {v.PeriodHash}. "
            + $"Recompute with: {v.Command(p.EstateId, p.Period)}";
    }

    public static byte[] Xlsx(AuditPack p) => ReportExports.Xlsx(Sections(p).Select(s => s.Table).ToList());

    public static byte[] Pdf(AuditPack p)
    {
        var title = $"Audit pack · {p.EstateName} · {p.Period}";
        var layout = new PdfLayout(l =>
        {
            l.Row(title, $"{p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}", 8f);
            l.Space(2);
            l.Rule();
            l.Space(10);
        });
        layout.Text(title, 16f, bold: true);
        layout.Text($"Period {p.From:yyyy-MM-dd} to {p.To:yyyy-MM-dd}. Every amount is read from the ledger, in rand.", 10f);
        foreach (var (heading, t) in Sections(p))
        {
            layout.Space(12);
            layout.Keep(40);
            layout.Text(heading, 12f, bold: true);
            layout.Space(4);
            if (t.Rows.Count == 0 && t.Totals.Count == 0) layout.Text("None in this period.", 8.5f);
            else
            {
                var columns = t.Columns.Select((c, i) => new PdfLayout.Column(c.Header, c.Width,
                    t.Rows.Concat(t.Totals).Any(r => r.Count > i && r[i].Kind is CellKind.Money or CellKind.Quantity or CellKind.Whole) ? SKTextAlign.Right : SKTextAlign.Left)).ToList();
                layout.Table(columns, t.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Printed).ToList()),
                    t.Totals.Select(r => (IReadOnlyList<string>)r.Select(c => c.Printed).ToList()), size: 7f);
            }
            foreach (var note in t.Notes ?? [])
            {
                layout.Space(4);
                layout.Text(note, 8f);
            }
        }
        var footer = $"Generated {p.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by Quantify · {title}";
        return layout.ToPdf(new SKDocumentPdfMetadata
        {
            Title = title, Author = p.EstateName, Creator = "Quantify", Producer = "Quantify (SkiaSharp PDF)",
            Creation = p.GeneratedAt.UtcDateTime, Modified = p.GeneratedAt.UtcDateTime, RasterDpi = 72,
        }, (canvas, page, pages) =>
        {
            var baseline = PdfLayout.PageHeight - PdfLayout.Margin + 6;
            PdfLayout.DrawString(canvas, footer, PdfLayout.Margin, baseline, SKTextAlign.Left, 7f, false, SKColors.Gray);
            PdfLayout.DrawString(canvas, $"Page {page + 1} of {pages}", PdfLayout.PageWidth - PdfLayout.Margin, baseline, SKTextAlign.Right, 7f, false, SKColors.Gray);
        });
    }
}
