using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Quantify.Domain.Common;
using Quantify.Web.Features.Arrears;
using Quantify.Web.Features.Statements;
using SkiaSharp;

namespace Quantify.Web.Features.Reports;

/// <summary>A cell: text, a money amount (two decimals), a quantity, a whole number or a date.</summary>
public readonly record struct Cell(object? Value, CellKind Kind)
{
    public static Cell Text(string? s) => new(s, CellKind.Text);
    public static Cell Money(decimal d) => new(d, CellKind.Money);
    public static Cell Money(decimal? d) => new(d, CellKind.Money);
    public static Cell Quantity(decimal d) => new(d, CellKind.Quantity);
    public static Cell Whole(int i) => new(i, CellKind.Whole);
    public static Cell Date(DateOnly? d) => new(d, CellKind.Date);

    public string Invariant => Value switch
    {
        null => "",
        decimal d when Kind == CellKind.Money => d.ToString("0.00", CultureInfo.InvariantCulture),
        decimal d => d.ToString("0.###", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>As printed on a PDF (South African money format).</summary>
    public string Printed => Value switch
    {
        decimal d when Kind == CellKind.Money => Domain.Common.Money.Format(d),
        _ => Invariant,
    };
}

public enum CellKind { Text, Money, Quantity, Whole, Date }

/// <summary>A report as a table: title lines, column headers with widths, rows and total rows. One shape, three formats.</summary>
public sealed record ReportTable(string Title, string Subtitle, IReadOnlyList<(string Header, float Width)> Columns, IReadOnlyList<IReadOnlyList<Cell>> Rows,
    IReadOnlyList<IReadOnlyList<Cell>> Totals, string Sheet, IReadOnlyList<string>? Notes = null);

/// <summary>CSV (RFC 4180, invariant numbers, UTF-8 with BOM so Excel reads accents), XLSX (ClosedXML, fixed widths) and PDF (SkiaSharp via <see cref="PdfLayout"/>).</summary>
public static class ReportExports
{
    public static byte[] Csv(ReportTable t)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', t.Columns.Select(c => Quote(c.Header)))).Append("\r\n");
        foreach (var row in t.Rows.Concat(t.Totals)) sb.Append(string.Join(',', row.Select(c => Quote(c.Invariant)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\r', '\n']) >= 0 || s.StartsWith(' ') ? $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : s;

    public static byte[] Xlsx(ReportTable t) => Xlsx([t]);

    /// <summary>One sheet per table (the audit pack), named by <see cref="ReportTable.Sheet"/>.</summary>
    public static byte[] Xlsx(IReadOnlyList<ReportTable> tables)
    {
        using var book = new XLWorkbook();
        foreach (var t in tables) Sheet(book, t);
        using var stream = new MemoryStream();
        book.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Sheet(XLWorkbook book, ReportTable t)
    {
        var ws = book.Worksheets.Add(t.Sheet);
        ws.Cell(1, 1).SetValue(t.Title);
        ws.Cell(1, 1).Style.Font.Bold = true;
        ws.Cell(2, 1).SetValue(t.Subtitle);
        const int headerRow = 4;
        for (var c = 0; c < t.Columns.Count; c++)
        {
            var cell = ws.Cell(headerRow, c + 1);
            cell.SetValue(t.Columns[c].Header);
            cell.Style.Font.Bold = true;
            cell.Style.Fill.BackgroundColor = XLColor.FromHtml("#EEEEEE");
            ws.Column(c + 1).Width = Math.Max(10, t.Columns[c].Width * 6);
        }
        var r = headerRow + 1;
        foreach (var row in t.Rows) Write(ws, r++, row, bold: false);
        foreach (var row in t.Totals) Write(ws, r++, row, bold: true);
        ws.SheetView.FreezeRows(headerRow);
    }

    private static void Write(IXLWorksheet ws, int r, IReadOnlyList<Cell> row, bool bold)
    {
        for (var c = 0; c < row.Count; c++)
        {
            var cell = ws.Cell(r, c + 1);
            switch (row[c].Value)
            {
                case null: break;
                case decimal d:
                    cell.Value = d;
                    cell.Style.NumberFormat.Format = row[c].Kind == CellKind.Money ? "#,##0.00" : "#,##0.###";
                    break;
                case int i: cell.Value = i; break;
                case DateOnly day:
                    cell.Value = day.ToDateTime(TimeOnly.MinValue);
                    cell.Style.DateFormat.Format = "yyyy-mm-dd";
                    break;
                default: cell.SetValue(row[c].Invariant); break; // text stays text (a unit "0101" or a month name is not guessed into a number or date)
            }
            if (bold) cell.Style.Font.Bold = true;
        }
    }

    public static byte[] Pdf(ReportTable t, DateTimeOffset generatedAt, string author)
    {
        var layout = new PdfLayout(l =>
        {
            l.Row(t.Title, t.Subtitle, 8f);
            l.Space(2);
            l.Rule();
            l.Space(10);
        });
        layout.Text(t.Title, 16f, bold: true);
        layout.Text(t.Subtitle, 10f);
        layout.Space(10);
        var columns = t.Columns.Select((c, i) => new PdfLayout.Column(c.Header, c.Width,
            t.Rows.Concat(t.Totals).Any(r => r.Count > i && r[i].Kind is CellKind.Money or CellKind.Quantity or CellKind.Whole) ? SKTextAlign.Right : SKTextAlign.Left)).ToList();
        layout.Table(columns, t.Rows.Select(r => (IReadOnlyList<string>)r.Select(c => c.Printed).ToList()),
            t.Totals.Select(r => (IReadOnlyList<string>)r.Select(c => c.Printed).ToList()), size: 7.5f);
        foreach (var note in t.Notes ?? [])
        {
            layout.Space(6);
            layout.Text(note, 8f);
        }
        var footer = $"Generated {generatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC by Quantify · {t.Title}";
        return layout.ToPdf(new SKDocumentPdfMetadata
        {
            Title = $"{t.Title} {t.Subtitle}",
            Author = author,
            Creator = "Quantify",
            Producer = "Quantify (SkiaSharp PDF)",
            Creation = generatedAt.UtcDateTime,
            Modified = generatedAt.UtcDateTime,
            RasterDpi = 72,
        }, (canvas, page, pages) =>
        {
            var baseline = PdfLayout.PageHeight - PdfLayout.Margin + 6;
            PdfLayout.DrawString(canvas, footer, PdfLayout.Margin, baseline, SKTextAlign.Left, 7f, false, SKColors.Gray);
            PdfLayout.DrawString(canvas, $"Page {page + 1} of {pages}", PdfLayout.PageWidth - PdfLayout.Margin, baseline, SKTextAlign.Right, 7f, false, SKColors.Gray);
        });
    }

    public static ReportTable Table(FinancialReport r) => new(
        $"Financial report · {r.EstateName}", r.Period.Label,
        [("Unit", 1.2f), ("Opening", 1.3f), ("Top-ups", 1.3f), ("Consumption", 1.4f), ("Fixed charges", 1.3f), ("Adjustments", 1.3f), ("Refunds", 1.2f), ("Closing", 1.3f), ("VAT", 1.1f)],
        r.Rows.Select(Row).ToList(), [Row(r.Totals)], "Financial",
        [$"Amounts in rand, VAT inclusive; VAT is the output VAT within the charges. Ledger closing balance of these wallets at {r.Period.To:yyyy-MM-dd}: {Money.Format(r.LedgerClosing)}."]);

    private static IReadOnlyList<Cell> Row(FinancialRow x) =>
        [Cell.Text(x.UnitNumber), Cell.Money(x.Opening), Cell.Money(x.TopUps), Cell.Money(x.Consumption), Cell.Money(x.FixedCharges), Cell.Money(x.Adjustments),
            Cell.Money(x.Refunds), Cell.Money(x.Closing), Cell.Money(x.Vat)];

    public static ReportTable Table(ConsumptionReport r) => new(
        $"Consumption report · {r.EstateName}", r.Period.Label,
        [("Unit", 1.2f), ("Utility", 1.2f), ("Quantity", 1.2f), ("Measure", 0.8f), ("Readings", 0.9f), ("Excl. VAT", 1.3f), ("VAT", 1.1f), ("Amount", 1.3f)],
        r.Rows.Select(x => (IReadOnlyList<Cell>)[Cell.Text(x.UnitNumber), Cell.Text(x.Utility), Cell.Quantity(x.Quantity), Cell.Text(x.UnitOfMeasure), Cell.Whole(x.Readings),
            Cell.Money(x.ExclVat), Cell.Money(x.Vat), Cell.Money(x.Amount)]).ToList(),
        r.Totals.Select(x => (IReadOnlyList<Cell>)[Cell.Text("Total"), Cell.Text(x.Utility), Cell.Quantity(x.Quantity), Cell.Text(x.UnitOfMeasure), Cell.Text(""),
            Cell.Money(x.ExclVat), Cell.Money(x.Vat), Cell.Money(x.Amount)]).ToList(), "Consumption",
        ["Amounts in rand: the consumption charges posted to the wallets in the period; quantities are those of the billed readings behind them."]);

    public static ReportTable Table(ArrearsReport r) => new(
        $"Arrears · {r.EstateName}", $"As at {r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
        [("Unit", 1f), ("Tenant", 1.8f), ("Pocket", 1f), ("Balance", 1.2f), ("Debt", 1.2f), ("In arrears since", 1.3f), ("Days", 0.7f), ("Bucket", 1.1f),
            ("Last step", 1.3f), ("Last payment", 1.2f), ("Last payment amount", 1.3f)],
        r.Rows.Select(x => (IReadOnlyList<Cell>)[Cell.Text(x.UnitNumber), Cell.Text(x.Tenant), Cell.Text(BillingReportService.Name(x.Pocket)), Cell.Money(x.Balance),
            Cell.Money(x.Debt), Cell.Date(x.ArrearsSince), Cell.Whole(x.DaysInArrears), Cell.Text(x.BucketLabel),
            Cell.Text(x.LastStep is { } s ? Domain.Arrears.ArrearsAgeing.Label(s) : ""), Cell.Date(x.LastPaymentDate), Cell.Money(x.LastPaymentAmount)]).ToList(),
        r.Buckets.Select(b => Totals(b.Label, b.Pockets, b.Debt)).Append(Totals("All buckets", r.Rows.Count, r.TotalDebt)).ToList(),
        "Arrears");

    private static IReadOnlyList<Cell> Totals(string label, int pockets, decimal debt) =>
        [Cell.Text("Total"), Cell.Text(label), Cell.Text($"{Quantify.Domain.Common.Plural.Count(pockets, "pocket")}"), Cell.Text(""), Cell.Money(debt), Cell.Text(""), Cell.Text(""), Cell.Text(""),
            Cell.Text(""), Cell.Text(""), Cell.Text("")];
}
