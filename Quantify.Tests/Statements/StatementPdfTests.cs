using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Web.Features.Statements;
using UglyToad.PdfPig;

namespace Quantify.Tests.Statements;

/// <summary>The PDF layout on its own: long statements flow over pages, and output depends only on the statement.</summary>
public class StatementPdfTests
{
    private static Statement Long(int topUps) => new()
    {
        UnitId = 1,
        UnitNumber = "A101",
        Building = "Block A",
        PaymentReference = "SLF-A101",
        EstateName = "Silverleaf Estate",
        EstateAddress = "12 Jacaranda Street, Lynnwood, Pretoria, 0081",
        Owners = ["Pieter Botha", "Ané Müller-Rossouw"],
        Tenants = ["Lindiwe Mokoena"],
        Year = 2026,
        Month = 3,
        From = new DateOnly(2026, 3, 1),
        To = new DateOnly(2026, 4, 1),
        TimeZone = "Africa/Johannesburg",
        GeneratedAt = new DateTimeOffset(2026, 4, 2, 7, 30, 0, TimeSpan.Zero),
        Pockets =
        [
            new PocketStatement
            {
                Pocket = Pocket.Electricity,
                Opening = 1234.56m,
                TopUps = Enumerable.Range(1, topUps).Select(i => new StatementEntry(new DateOnly(2026, 3, 1 + (i % 31)), $"QTX-260301-{i:X8}", TransactionType.TopUp,
                    $"PayFast top-up SLF-A101 (pf {1000 + i}) with a description long enough to wrap onto a second line of its cell", 10m)).ToList(),
                Consumption = new UtilityConsumption
                {
                    Utility = Utility.Electricity, Unit = "kWh", Quantity = 362.333m, Readings = 3, Meters = ["SLF-E-A101"], Tariffs = ["Residential inclining block (v1)"],
                    ExclVat = 788.23m, Vat = 118.23m, InclVat = 906.46m,
                    Breakdown = [new("Free basic (50 kWh a month)", 50m, "kWh", 0m, 0m), new("Block 1 (≤350 kWh)", 300m, "kWh", 2.50m, 750.00m), new("Block 2 (>350 kWh)", 12.333m, "kWh", 3.10m, 38.23m)],
                },
                Charges = [new ChargeGroup("Service charge", 31, 108.50m, 16.28m)],
                Adjustments = [],
                Closing = 1234.56m + (topUps * 10m) - 906.46m - 124.78m,
            },
        ],
    };

    [Fact]
    public void ALongStatement_FlowsOverPages_WithPageNumbersAndTheRunningHeader()
    {
        var pdf = StatementPdf.Render(Long(topUps: 120));

        var pages = PdfText.Pages(pdf);
        Assert.True(pages.Count >= 3, $"{pages.Count} page(s)");
        for (var i = 0; i < pages.Count; i++) Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        Assert.All(pages.Skip(1), p => Assert.Contains("Silverleaf Estate · Unit A101", p, StringComparison.Ordinal));
        Assert.All(pages.Skip(1).SkipLast(1), p => Assert.Contains("Amount", p, StringComparison.Ordinal)); // the top-up table's header repeats
        Assert.Contains("Total top-ups", string.Join("\n", pages), StringComparison.Ordinal);
        Assert.Contains("R 1 200,00", string.Join("\n", pages), StringComparison.Ordinal);                   // 120 top-ups of R 10,00
        Assert.Contains("Closing balance", pages[^1], StringComparison.Ordinal);
        Assert.Contains("R 1 403,32", pages[^1], StringComparison.Ordinal);                                  // 1 234,56 + 1 200 − 906,46 − 124,78
        Assert.Contains("Block 1 (≤350 kWh)", string.Join("\n", pages), StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameStatement_RendersToTheSameBytes_InTheEmbeddedFont_AndStaysSmall()
    {
        var first = StatementPdf.Render(Long(topUps: 5));
        var second = StatementPdf.Render(Long(topUps: 5));

        Assert.Equal(first, second);
        Assert.True(first.Length < 200_000, $"{first.Length:N0} bytes: are the embedded fonts still the cut-down ones?");
        Assert.Contains("Ané Müller-Rossouw", PdfText.Of(first), StringComparison.Ordinal);
        Assert.All(PdfText.Fonts(first), f => Assert.Contains("DejaVuSans", f, StringComparison.Ordinal));
        using var document = PdfDocument.Open(first);
        var size = document.GetPage(1);
        Assert.Equal((595, 842), ((int)Math.Round(size.Width), (int)Math.Round(size.Height))); // A4 in points
        Assert.Equal("Statement A101 2026-03", document.Information.Title);
    }
}
