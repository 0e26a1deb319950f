using System.Globalization;
using Quantify.Domain.Common;
using SkiaSharp;

namespace Quantify.Web.Features.Statements;

/// <summary>
/// Renders a <see cref="Statement"/> as an A4 PDF: a header with the estate, unit, people and period; a summary per
/// pocket; then per pocket its top-ups, consumption (by tariff block or band when available), fixed charges,
/// adjustments and closing balance, VAT shown separately; a footer with the generation time and "Page n of N".
/// </summary>
public static class StatementPdf
{
    private static readonly NumberFormatInfo Za = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = ",", NegativeSign = "-" };
    private static readonly SKColor Muted = new(0x55, 0x5B, 0x66);

    public static byte[] Render(Statement s)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(s.TimeZone, out var z) ? z : TimeZoneInfo.Utc;
        var generated = TimeZoneInfo.ConvertTime(s.GeneratedAt, zone);
        var layout = new PdfLayout(l =>
        {
            l.Row($"{s.EstateName} · Unit {s.UnitNumber}", $"Statement for {s.PeriodName}", 8f);
            l.Space(2);
            l.Rule();
            l.Space(10);
        });

        Header(layout, s);
        Summary(layout, s);
        foreach (var pocket in s.Pockets) Pocket(layout, pocket);

        var footer = $"Generated {generated.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {s.ZoneLabel} by Quantify · Unit {s.UnitNumber} · {s.PeriodName}";
        return layout.ToPdf(new SKDocumentPdfMetadata
        {
            Title = $"Statement {s.UnitNumber} {s.From.ToString("yyyy-MM", CultureInfo.InvariantCulture)}",
            Author = s.EstateName,
            Subject = $"Utility statement for unit {s.UnitNumber}, {s.PeriodName}",
            Creator = "Quantify",
            Producer = "Quantify (SkiaSharp PDF)",
            Creation = s.GeneratedAt.UtcDateTime,
            Modified = s.GeneratedAt.UtcDateTime,
            RasterDpi = 72,
        }, (canvas, page, pages) =>
        {
            var baseline = PdfLayout.PageHeight - PdfLayout.Margin + 6;
            using var paint = new SKPaint { Color = SKColors.LightGray, StrokeWidth = 0.5f, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(PdfLayout.Margin, baseline - 12, PdfLayout.PageWidth - PdfLayout.Margin, baseline - 12, paint);
            PdfLayout.DrawString(canvas, footer, PdfLayout.Margin, baseline, SKTextAlign.Left, 7.5f, false, Muted);
            PdfLayout.DrawString(canvas, $"Page {page + 1} of {pages}", PdfLayout.PageWidth - PdfLayout.Margin, baseline, SKTextAlign.Right, 7.5f, false, Muted);
        });
    }

    private static void Header(PdfLayout l, Statement s)
    {
        l.Row("Utility statement", "Quantify", 16f, bold: true);
        l.Space(6);
        l.Text(s.EstateName, 11f, bold: true);
        if (s.EstateAddress is { } address) l.Text(address, 9f, color: Muted);
        l.Space(6);
        l.Text($"Unit {s.UnitNumber}{(s.Building is { Length: > 0 } b ? $" · {b}" : "")} · payment reference {s.PaymentReference}", 10f, bold: true);
        l.Text($"Owner: {(s.Owners.Count > 0 ? string.Join(", ", s.Owners) : "—")}");
        l.Text($"Tenant: {(s.Tenants.Count > 0 ? string.Join(", ", s.Tenants) : "vacant")}");
        l.Text($"Period: {s.PeriodName} ({Long(s.From)} to {Long(s.LastDay)}, {s.ZoneLabel})");
        l.Space(6);
        l.Rule();
        l.Space(10);
    }

    private static void Summary(PdfLayout l, Statement s)
    {
        l.Text("Summary", 12f, bold: true);
        l.Space(4);
        if (s.Pockets.Count == 0)
        {
            l.Text("No wallet activity for this unit up to the end of the month.");
            return;
        }
        l.Table(
            [new("Pocket", 1.3f), new("Opening", 1f, SKTextAlign.Right), new("Top-ups", 1f, SKTextAlign.Right), new("Consumption", 1f, SKTextAlign.Right),
             new("Charges", 1f, SKTextAlign.Right), new("Adjustments", 1f, SKTextAlign.Right), new("Closing", 1f, SKTextAlign.Right)],
            s.Pockets.Select(p => (IReadOnlyList<string>)[p.Name, Money.Format(p.Opening), Money.Format(p.TopUpsTotal), Money.Format(p.Consumption?.InclVat ?? 0m),
                Money.Format(p.ChargesTotal), Money.Format(p.AdjustmentsTotal), Money.Format(p.Closing)]),
            [["Total", Money.Format(s.Opening), Money.Format(s.TopUps), Money.Format(s.Consumption), Money.Format(s.Charges), Money.Format(s.Adjustments), Money.Format(s.Closing)]]);
        l.Space(4);
        l.Text($"Consumption and fixed charges: {Money.Format(s.ExclVat)} excl VAT + {Money.Format(s.Vat)} VAT = {Money.Format(s.ExclVat + s.Vat)}. "
            + "Consumption and charges are amounts charged, VAT included; adjustments are signed.", 8f, color: Muted);
        Reconciliation(l, s.Opening, s.Closing - s.Opening, s.Closing, s.Reconciles);
        l.Space(12);
    }

    private static void Pocket(PdfLayout l, PocketStatement p)
    {
        l.Keep(80);
        l.Text(p.Name, 12f, bold: true);
        l.Space(2);
        l.Rule(0.75f, SKColors.Black);
        l.Space(4);
        l.Row("Opening balance", Money.Format(p.Opening), 9.5f, bold: true);
        l.Space(6);

        if (p.TopUps.Count > 0)
        {
            l.Text("Top-ups", 10f, bold: true);
            l.Space(2);
            l.Table([new("Date", 1f), new("Reference", 1.9f), new("Description", 2.9f), new("Amount", 1.1f, SKTextAlign.Right)],
                p.TopUps.Select(t => (IReadOnlyList<string>)[Short(t.Date), t.Number, t.Description, Money.Format(t.Amount)]),
                [["Total top-ups", "", "", Money.Format(p.TopUpsTotal)]]);
            l.Space(8);
        }

        if (p.Consumption is { } c)
        {
            l.Text($"Consumption: {Quantity(c.Quantity)} {c.Unit} from {c.Readings} billed reading{(c.Readings == 1 ? "" : "s")}"
                + (c.Meters.Count > 0 ? $" (meter {string.Join(", ", c.Meters)})" : ""), 10f, bold: true);
            l.Text($"Tariff: {(c.Tariffs.Count > 0 ? string.Join("; ", c.Tariffs) : "none in effect")}", 8.5f, color: Muted);
            l.Space(2);
            var rows = c.Breakdown is { } lines
                ? lines.Select(t => (IReadOnlyList<string>)[t.Description, $"{Quantity(t.Quantity)} {t.Unit}", Rate(t.Rate, t.Unit), Money.Format(t.ExclVat)])
                : [["All billed readings", $"{Quantity(c.Quantity)} {c.Unit}", "", Money.Format(c.ExclVat)]];
            l.Table([new("Tariff block or band", 3f), new("Quantity", 1.3f, SKTextAlign.Right), new("Rate excl VAT", 1.3f, SKTextAlign.Right), new("Amount", 1.1f, SKTextAlign.Right)],
                rows,
                [["Consumption excl VAT", "", "", Money.Format(c.ExclVat)], ["VAT", "", "", Money.Format(c.Vat)], ["Consumption incl VAT", "", "", Money.Format(c.InclVat)]]);
            if (c.BreakdownNote is { } note) l.Text(note, 7.5f, color: Muted);
            l.Space(8);
        }

        if (p.Charges.Count > 0)
        {
            l.Text("Fixed charges", 10f, bold: true);
            l.Space(2);
            l.Table([new("Description", 3f), new("Postings", 0.8f, SKTextAlign.Right), new("Excl VAT", 1.1f, SKTextAlign.Right), new("VAT", 1f, SKTextAlign.Right), new("Incl VAT", 1.1f, SKTextAlign.Right)],
                p.Charges.Select(g => (IReadOnlyList<string>)[g.Description, g.Count.ToString(CultureInfo.InvariantCulture), Money.Format(g.ExclVat), Money.Format(g.Vat), Money.Format(g.InclVat)]),
                [["Total fixed charges", "", Money.Format(p.Charges.Sum(g => g.ExclVat)), Money.Format(p.Charges.Sum(g => g.Vat)), Money.Format(p.ChargesTotal)]]);
            l.Space(8);
        }

        if (p.Adjustments.Count > 0)
        {
            l.Text("Reversals and adjustments", 10f, bold: true);
            l.Space(2);
            l.Table([new("Date", 1f), new("Reference", 1.9f), new("Type", 0.9f), new("Description", 2.2f), new("Amount", 1.1f, SKTextAlign.Right)],
                p.Adjustments.Select(a => (IReadOnlyList<string>)[Short(a.Date), a.Number, a.Type.ToString(), a.Description, Money.Format(a.Amount)]),
                [["Total adjustments", "", "", "", Money.Format(p.AdjustmentsTotal)]]);
            l.Space(8);
        }

        l.Row("Closing balance", Money.Format(p.Closing), 9.5f, bold: true);
        Reconciliation(l, p.Opening, p.Movements, p.Closing, p.Reconciles);
        l.Space(14);
    }

    private static void Reconciliation(PdfLayout l, decimal opening, decimal movements, decimal closing, bool reconciles) =>
        l.Text(reconciles
                ? $"Check: opening {Money.Format(opening)} + movements {Money.Format(movements)} = closing {Money.Format(closing)} ✓"
                : $"Check FAILED: opening {Money.Format(opening)} + movements {Money.Format(movements)} ≠ closing {Money.Format(closing)}: report this statement.",
            7.5f, color: reconciles ? Muted : SKColors.DarkRed);

    public static string Quantity(decimal q) => q.ToString("#,##0.###", Za);

    private static string Rate(decimal rate, string unit) => $"R {rate.ToString("#,##0.00##", Za)}/{unit}";

    private static string Short(DateOnly d) => d.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Long(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
