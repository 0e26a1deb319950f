using System.Globalization;
using ClosedXML.Excel;

namespace Quantify.Web.Features.Import;

/// <summary>A problem with one cell (or a whole row when <see cref="Column"/> is empty, or the file when <see cref="Row"/> is 0).</summary>
public sealed record CellError(int Row, string Column, string Message)
{
    public override string ToString() => Row == 0 ? Message : Column.Length == 0 ? $"Row {Row}: {Message}" : $"Row {Row}, {Column}: {Message}";
}

/// <summary>One data row: typed values by header (string, int, decimal or DateOnly; null when blank) and the cells that could not be read.</summary>
public sealed class SheetRow(int number)
{
    public int Number { get; } = number;
    public Dictionary<string, object?> Values { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<CellError> Errors { get; } = [];

    public string? Text(string header) => Values.GetValueOrDefault(header) as string;
    public decimal? Dec(string header) => Values.GetValueOrDefault(header) as decimal?;
    public int? Int(string header) => Values.GetValueOrDefault(header) as int?;
    public DateOnly? Date(string header) => Values.GetValueOrDefault(header) as DateOnly?;
    public bool Has(string header) => Values.GetValueOrDefault(header) is not null;
    public void Error(string column, string message) => Errors.Add(new CellError(Number, column, message));
}

public sealed record ParsedSheet(IReadOnlyList<SheetRow> Rows, IReadOnlyList<CellError> FileErrors, int SkippedExampleRows);

/// <summary>
/// Reads an uploaded workbook against a template's schema: the named sheet, the header row (every expected header,
/// no unknown ones), no merged cells, and every cell converted to its column's type, each failure naming the row,
/// the column and the reason.
/// </summary>
public static class XlsxSheetReader
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "dd/MM/yyyy", "d/M/yyyy", "dd-MM-yyyy", "d MMM yyyy", "dd MMM yyyy"];

    /// <summary>True when the bytes start like a zip archive (every .xlsx is one).</summary>
    public static bool LooksLikeXlsx(ReadOnlySpan<byte> bytes) => bytes.Length >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04;

    public static ParsedSheet Read(byte[] bytes, ImportSchema schema)
    {
        if (!LooksLikeXlsx(bytes)) return Fail(NotXlsx(bytes));
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(bytes, writable: false));
        }
#pragma warning disable CA1031 // ClosedXML throws many exception types for a damaged package: all mean the same to the user.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Fail("The file is a zip archive but not a readable Excel workbook (.xlsx). Save it from Excel as \"Excel Workbook (*.xlsx)\" and upload again.");
        }
        using (workbook)
        {
            if (!workbook.TryGetWorksheet(schema.SheetName, out var sheet))
            {
                var found = string.Join(", ", workbook.Worksheets.Select(w => $"'{w.Name}'"));
                return Fail($"The workbook has no sheet named '{schema.SheetName}' (it has {found}). Put the {schema.Title.ToLowerInvariant()} on a sheet named '{schema.SheetName}', as in the template.");
            }
            return ReadSheet(sheet, schema);
        }
    }

    private static ParsedSheet ReadSheet(IXLWorksheet sheet, ImportSchema schema)
    {
        var fileErrors = new List<CellError>();
        var lastColumn = sheet.LastColumnUsed()?.ColumnNumber() ?? 0;
        var lastRow = sheet.LastRowUsed()?.RowNumber() ?? 0;
        if (lastRow == 0) return Fail($"Sheet '{schema.SheetName}' is empty: it needs the header row and at least one data row.");

        var merged = sheet.MergedRanges.Select(r => (First: r.RangeAddress.FirstAddress, Last: r.RangeAddress.LastAddress, Text: r.RangeAddress.ToStringRelative())).ToList();
        foreach (var m in merged.Where(m => m.First.RowNumber == 1))
            fileErrors.Add(new CellError(0, "", $"Header cells {m.Text} are merged: unmerge them so each column has its own header."));

        // Header row: every expected header once, nothing unknown.
        var columns = new Dictionary<int, ImportColumn>();
        for (var c = 1; c <= lastColumn; c++)
        {
            var header = sheet.Cell(1, c).GetString().Trim();
            if (header.Length == 0) continue;
            var column = schema.Column(header);
            var letter = XLHelper.GetColumnLetterFromNumber(c);
            if (column is null)
                fileErrors.Add(new CellError(0, "", $"Unknown column '{header}' in {letter}1. Expected headers: {string.Join(", ", schema.Columns.Select(x => x.Header))}."));
            else if (columns.ContainsValue(column))
                fileErrors.Add(new CellError(0, "", $"Column '{column.Header}' appears twice (again in {letter}1)."));
            else
                columns[c] = column;
        }
        foreach (var missing in schema.Columns.Where(x => !columns.ContainsValue(x)))
            fileErrors.Add(new CellError(0, "", $"Missing column '{missing.Header}': the header row must have it (download the template to see every column)."));
        if (fileErrors.Count > 0) return new ParsedSheet([], fileErrors, 0);

        var rows = new List<SheetRow>();
        var examples = 0;
        for (var r = 2; r <= lastRow; r++)
        {
            var row = new SheetRow(r);
            var blank = true;
            foreach (var (c, column) in columns)
            {
                var cell = sheet.Cell(r, c);
                if (cell.IsEmpty()) { row.Values[column.Header] = null; continue; }
                blank = false;
                row.Values[column.Header] = Convert(cell, column, row);
            }
            if (blank) continue;
            foreach (var m in merged.Where(m => m.First.RowNumber <= r && m.Last.RowNumber >= r && m.First.RowNumber > 1))
                row.Error("", $"Cells {m.Text} are merged: unmerge them so each value sits in its own cell.");
            if (IsExample(row, schema)) { examples++; continue; }
            foreach (var column in columns.Values.Where(x => x.Required && row.Values.GetValueOrDefault(x.Header) is null && !row.Errors.Any(e => e.Column == x.Header)))
                row.Error(column.Header, "Required: this cell is empty.");
            rows.Add(row);
        }
        return new ParsedSheet(rows, [], examples);
    }

    /// <summary>The template's example row, left in place: skipped, never imported.</summary>
    private static bool IsExample(SheetRow row, ImportSchema schema) =>
        schema.Columns.All(c => string.Equals(Format(row.Values.GetValueOrDefault(c.Header)), c.Example, StringComparison.Ordinal));

    public static string Format(object? value) => value switch
    {
        null => "",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static object? Convert(IXLCell cell, ImportColumn column, SheetRow row)
    {
        var type = cell.DataType;
        switch (column.Type)
        {
            case ColumnType.Text:
                if (type == XLDataType.Number) return ((decimal)cell.GetDouble()).ToString(CultureInfo.InvariantCulture);
                if (type == XLDataType.DateTime) return cell.GetDateTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                return Blank(cell.GetString());
            case ColumnType.Choice:
            {
                var text = Blank(type == XLDataType.Number ? ((decimal)cell.GetDouble()).ToString(CultureInfo.InvariantCulture) : cell.GetString());
                if (text is null || column.Choices is null) return text;
                var match = column.Choices.FirstOrDefault(ch => string.Equals(ch, text, StringComparison.OrdinalIgnoreCase));
                if (match is not null) return match;
                row.Error(column.Header, $"'{text}' is not one of: {string.Join(", ", column.Choices)}.");
                return null;
            }
            case ColumnType.Integer:
            case ColumnType.Number:
            case ColumnType.Money:
            {
                decimal? value = type == XLDataType.Number ? (decimal)cell.GetDouble() : ParseNumber(cell.GetString());
                if (value is null)
                {
                    row.Error(column.Header, $"'{cell.GetString()}' is text, but this column takes a number.");
                    return null;
                }
                if (column.Type == ColumnType.Integer)
                {
                    if (value != decimal.Truncate(value.Value)) { row.Error(column.Header, $"{value} is not a whole number."); return null; }
                    if (value is > int.MaxValue or < int.MinValue) { row.Error(column.Header, $"{value} is too large."); return null; }
                    return (int)value.Value;
                }
                if (column.Type == ColumnType.Money)
                {
                    var rounded = decimal.Round(value.Value, 2);
                    // Excel stores doubles: 100.1 arrives as 100.09999999999999; anything beyond a rounding error is an error.
                    if (Math.Abs(rounded - value.Value) > 0.000001m) { row.Error(column.Header, $"{value} has more than 2 decimals: amounts are rand and cents."); return null; }
                    return rounded;
                }
                return decimal.Round(value.Value, 6);
            }
            case ColumnType.Date:
            {
                if (type == XLDataType.DateTime) return DateOnly.FromDateTime(cell.GetDateTime());
                if (type == XLDataType.Number)
                {
                    var serial = cell.GetDouble();
                    if (serial is > 0 and < 2958466) return DateOnly.FromDateTime(DateTime.FromOADate(serial));
                }
                var text = cell.GetString().Trim();
                if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
                row.Error(column.Header, $"'{text}' is not a date: use a date cell or yyyy-MM-dd.");
                return null;
            }
            default:
                return null;
        }
    }

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static decimal? ParseNumber(string text)
    {
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal);
        if (t.StartsWith('R')) t = t[1..];
        return decimal.TryParse(t, NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    private static string NotXlsx(byte[] bytes)
    {
        var what = bytes.Length == 0 ? "an empty file"
            : bytes.Length >= 8 && bytes[0] == 0xD0 && bytes[1] == 0xCF && bytes[2] == 0x11 && bytes[3] == 0xE0 ? "an old-style Excel 97-2003 (.xls) file"
            : bytes.Length >= 4 && bytes[0] == 0x25 && bytes[1] == 0x50 && bytes[2] == 0x44 && bytes[3] == 0x46 ? "a PDF"
            : "not an Excel workbook (perhaps CSV or text)";
        return $"The file is {what}. Upload an .xlsx workbook (in Excel: File › Save As › Excel Workbook), ideally the downloaded template.";
    }

    private static ParsedSheet Fail(string message) => new([], [new CellError(0, "", message)], 0);
}
