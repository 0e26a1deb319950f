using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Quantify.Tests.Statements;

/// <summary>Text of a PDF as a reader sees it, extracted with PdfPig (an independent PDF parser).</summary>
public static class PdfText
{
    public static IReadOnlyList<string> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)).ToList();
    }

    public static string Of(byte[] pdf) => string.Join("\n", Pages(pdf));

    /// <summary>The names of the fonts the text is set in (embedded subsets look like "ABCDEF+DejaVuSans").</summary>
    public static IReadOnlySet<string> Fonts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").ToHashSet();
    }
}
