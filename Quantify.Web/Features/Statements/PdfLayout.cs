using SkiaSharp;

namespace Quantify.Web.Features.Statements;

/// <summary>
/// A small flowing layout over SkiaSharp's PDF backend: text, wrapped paragraphs and tables are placed top to bottom
/// on A4 pages, breaking pages where needed (a table repeats its header row). Drawing is recorded first and replayed
/// into an <see cref="SKDocument"/> at the end, so every page knows the page count ("Page 2 of 3"). Text is set in
/// DejaVu Sans embedded in this assembly, never a system font, so a PDF lays out the same on every machine.
/// </summary>
public sealed class PdfLayout
{
    public const float PageWidth = 595.28f;   // A4, in points
    public const float PageHeight = 841.89f;
    public const float Margin = 42f;
    private const float FooterHeight = 28f;
    private const float CellPadding = 3f;

    private readonly List<List<Action<SKCanvas>>> pages = [];
    private readonly Action<PdfLayout>? continuationHeader;
    private float y;

    /// <param name="continuationHeader">Lays out a running header at the top of every page after the first.</param>
    public PdfLayout(Action<PdfLayout>? continuationHeader = null)
    {
        this.continuationHeader = continuationHeader;
        NewPage();
    }

    public static float ContentWidth => PageWidth - (2 * Margin);
    public float Y => y;
    public int PageCount => pages.Count;
    private static float Bottom => PageHeight - Margin - FooterHeight;

    /// <summary>Unhinted, linear metrics: a PDF is scaled by its viewer, so positions must follow the font's own advances.</summary>
    public static SKFont Font(float size, bool bold = false) =>
        new(bold ? StatementFonts.Bold : StatementFonts.Regular, size) { Subpixel = true, Hinting = SKFontHinting.None, LinearMetrics = true };

    public void NewPage()
    {
        pages.Add([]);
        y = Margin;
        if (pages.Count > 1) continuationHeader?.Invoke(this);
    }

    /// <summary>Starts a new page unless <paramref name="height"/> still fits on this one.</summary>
    public void Keep(float height)
    {
        if (y + height > Bottom) NewPage();
    }

    public void Space(float height) => y += height;

    /// <summary>A paragraph, wrapped to <paramref name="width"/> (the content width by default).</summary>
    public void Text(string text, float size = 9f, bool bold = false, SKColor? color = null, float indent = 0f, float? width = null)
    {
        using var font = Font(size, bold);
        var lineHeight = LineHeight(font);
        foreach (var line in Wrap(text, font, (width ?? ContentWidth) - indent))
        {
            Keep(lineHeight);
            var (x, baseline, c) = (Margin + indent, y - font.Metrics.Ascent, color ?? SKColors.Black);
            Draw(canvas => DrawString(canvas, line, x, baseline, SKTextAlign.Left, size, bold, c));
            y += lineHeight;
        }
    }

    /// <summary>One line with a left part and a right-aligned part (e.g. a label and an amount).</summary>
    public void Row(string left, string right, float size = 9f, bool bold = false, float indent = 0f)
    {
        using var font = Font(size, bold);
        var lineHeight = LineHeight(font);
        Keep(lineHeight);
        var baseline = y - font.Metrics.Ascent;
        Draw(canvas =>
        {
            DrawString(canvas, left, Margin + indent, baseline, SKTextAlign.Left, size, bold, SKColors.Black);
            DrawString(canvas, right, PageWidth - Margin, baseline, SKTextAlign.Right, size, bold, SKColors.Black);
        });
        y += lineHeight;
    }

    public void Rule(float thickness = 0.5f, SKColor? color = null)
    {
        var (at, c) = (y, color ?? SKColors.Gray);
        Draw(canvas =>
        {
            using var paint = new SKPaint { Color = c, StrokeWidth = thickness, IsAntialias = true, Style = SKPaintStyle.Stroke };
            canvas.DrawLine(Margin, at, PageWidth - Margin, at, paint);
        });
    }

    public sealed record Column(string Header, float Width, SKTextAlign Align = SKTextAlign.Left);

    /// <summary>
    /// A table: a bold header row, body rows (cells wrap), and optional bold total rows under a rule. Widths are
    /// fractions of the content width. The header is repeated when the table continues on a new page.
    /// </summary>
    public void Table(IReadOnlyList<Column> columns, IEnumerable<IReadOnlyList<string>> rows, IEnumerable<IReadOnlyList<string>>? totals = null, float size = 8.5f)
    {
        var widths = columns.Select(c => c.Width / columns.Sum(x => x.Width) * ContentWidth).ToArray();
        var header = columns.Select(c => c.Header).ToList();
        var headerHeight = Measure(header, columns, widths, size, bold: true);
        var firstRow = true;
        Keep(headerHeight + LineHeight(size) + 4);
        Shade(headerHeight);
        Cells(header, columns, widths, size, bold: true);
        foreach (var row in rows)
        {
            var height = Measure(row, columns, widths, size, bold: false);
            if (y + height > Bottom)
            {
                NewPage();
                Shade(headerHeight);
                Cells(header, columns, widths, size, bold: true);
            }
            if (!firstRow) { Rule(0.25f, new SKColor(0xDD, 0xDD, 0xDD)); }
            firstRow = false;
            Cells(row, columns, widths, size, bold: false);
        }
        var first = true;
        foreach (var total in totals ?? [])
        {
            Keep(Measure(total, columns, widths, size, bold: true, span: true));
            if (first) Rule(0.75f, SKColors.Black);
            first = false;
            Cells(total, columns, widths, size, bold: true, span: true);
        }
    }

    private void Shade(float height)
    {
        var at = y;
        Draw(canvas =>
        {
            using var paint = new SKPaint { Color = new SKColor(0xEE, 0xF1, 0xF5), Style = SKPaintStyle.Fill };
            canvas.DrawRect(Margin, at, ContentWidth, height, paint);
        });
    }

    /// <summary>
    /// Lays out one row. With <paramref name="span"/> (total rows) a left-aligned cell also takes the width of the empty
    /// cells after it, so "Total top-ups" is not squeezed into a date column.
    /// </summary>
    private void Cells(IReadOnlyList<string> cells, IReadOnlyList<Column> columns, float[] widths, float size, bool bold, bool span = false)
    {
        using var font = Font(size, bold);
        var lineHeight = LineHeight(font);
        var x = Margin;
        var rowHeight = 0f;
        foreach (var (i, width) in Spans(cells, columns, widths, span))
        {
            var lines = Wrap(CellAt(cells, i), font, width - (2 * CellPadding));
            var align = columns[i].Align;
            var textX = align switch
            {
                SKTextAlign.Right => x + width - CellPadding,
                SKTextAlign.Center => x + (width / 2),
                _ => x + CellPadding,
            };
            for (var l = 0; l < lines.Count; l++)
            {
                var (text, baseline) = (lines[l], y + CellPadding + (l * lineHeight) - font.Metrics.Ascent);
                Draw(canvas => DrawString(canvas, text, textX, baseline, align, size, bold, SKColors.Black));
            }
            rowHeight = Math.Max(rowHeight, (lines.Count * lineHeight) + (2 * CellPadding));
            x += width;
        }
        y += rowHeight;
    }

    /// <summary>The cells to draw and their widths: each column, or with spanning a left-aligned cell merged with the empty cells after it.</summary>
    private static List<(int Index, float Width)> Spans(IReadOnlyList<string> cells, IReadOnlyList<Column> columns, float[] widths, bool span)
    {
        var result = new List<(int Index, float Width)>();
        for (var i = 0; i < columns.Count; i++)
        {
            var (start, width) = (i, widths[i]);
            if (span && columns[i].Align == SKTextAlign.Left && CellAt(cells, i).Length > 0)
                while (i + 1 < columns.Count && CellAt(cells, i + 1).Length == 0) width += widths[++i];
            result.Add((start, width));
        }
        return result;
    }

    private static string CellAt(IReadOnlyList<string> cells, int i) => i < cells.Count ? cells[i] : "";

    private static float Measure(IReadOnlyList<string> cells, IReadOnlyList<Column> columns, float[] widths, float size, bool bold, bool span = false)
    {
        using var font = Font(size, bold);
        var lines = Spans(cells, columns, widths, span).Select(s => Wrap(CellAt(cells, s.Index), font, s.Width - (2 * CellPadding)).Count).DefaultIfEmpty(1).Max();
        return (lines * LineHeight(font)) + (2 * CellPadding);
    }

    private static float LineHeight(float size)
    {
        using var font = Font(size);
        return LineHeight(font);
    }

    private static float LineHeight(SKFont font) => font.Size * 1.25f;

    /// <summary>Greedy word wrap; a word longer than the width is cut.</summary>
    public static List<string> Wrap(string text, SKFont font, float width)
    {
        var result = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (font.MeasureText(candidate) <= width) { line = candidate; continue; }
                if (line.Length > 0) result.Add(line);
                line = word;
                while (line.Length > 1 && font.MeasureText(line) > width)
                {
                    var fit = line.Length - 1;
                    while (fit > 1 && font.MeasureText(line[..fit]) > width) fit--;
                    result.Add(line[..fit]);
                    line = line[fit..];
                }
            }
            result.Add(line);
        }
        return result;
    }

    private void Draw(Action<SKCanvas> action) => pages[^1].Add(action);

    /// <summary>Draws on every page after layout, when the page count is known (footers, page numbers).</summary>
    public delegate void PageDecorator(SKCanvas canvas, int pageIndex, int pageCount);

    public static void DrawString(SKCanvas canvas, string text, float x, float baseline, SKTextAlign align, float size, bool bold, SKColor color)
    {
        if (text.Length == 0) return;
        using var font = Font(size, bold);
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        canvas.DrawText(text, x, baseline, align, font, paint);
    }

    /// <summary>Writes the recorded pages into a PDF; <paramref name="decorate"/> adds footers once the page count is known.</summary>
    public byte[] ToPdf(SKDocumentPdfMetadata metadata, PageDecorator? decorate = null)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            for (var i = 0; i < pages.Count; i++)
            {
                var canvas = document.BeginPage(PageWidth, PageHeight);
                foreach (var action in pages[i]) action(canvas);
                decorate?.Invoke(canvas, i, pages.Count);
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }
}

/// <summary>DejaVu Sans cut down to Latin scripts (Bitstream Vera licence; see Fonts/LICENSE.txt and Fonts/subset.sh), loaded once from this assembly's resources.</summary>
public static class StatementFonts
{
    private static readonly Lazy<SKTypeface> regular = new(() => Load("DejaVuSans-Latin.ttf"));
    private static readonly Lazy<SKTypeface> bold = new(() => Load("DejaVuSans-Bold-Latin.ttf"));

    public static SKTypeface Regular => regular.Value;
    public static SKTypeface Bold => bold.Value;

    private static SKTypeface Load(string file)
    {
        var name = $"Quantify.Statements.Fonts.{file}";
        using var stream = typeof(StatementFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded font {name} is missing from {typeof(StatementFonts).Assembly.GetName().Name}.");
        // The typeface keeps a reference to the data: it lives as long as the process, like the typeface.
        var data = SKData.Create(stream);
        return SKTypeface.FromData(data) ?? throw new InvalidOperationException($"Embedded font {name} could not be read.");
    }
}
