using ClosedXML.Excel;

namespace Quantify.Web.Features.Import;

public enum ExportType { Text, Integer, Number, Money, Date, DateTime }

/// <summary>One column of an export: header, how to read the value from a row, and its type (numbers stay numbers, dates dates, money 2dp).</summary>
public sealed record ExportColumn<T>(string Header, Func<T, object?> Value, ExportType Type = ExportType.Text, double Width = 16);

/// <summary>Turns a list into an .xlsx sheet with typed columns, a bold frozen header, an auto-filter and set widths.</summary>
public static class XlsxExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static byte[] Build<T>(string sheetName, IEnumerable<T> rows, IReadOnlyList<ExportColumn<T>> columns)
    {
        using var wb = new XLWorkbook();
        var sheet = wb.Worksheets.Add(SafeSheetName(sheetName));
        for (var c = 0; c < columns.Count; c++)
        {
            sheet.Cell(1, c + 1).Value = columns[c].Header;
            sheet.Column(c + 1).Width = columns[c].Width;
            sheet.Column(c + 1).Style.NumberFormat.Format = columns[c].Type switch
            {
                ExportType.Money => "#,##0.00",
                ExportType.Integer => "0",
                ExportType.Date => "yyyy-mm-dd",
                ExportType.DateTime => "yyyy-mm-dd hh:mm",
                ExportType.Number => "#,##0.###",
                _ => "@",
            };
        }
        var header = sheet.Range(1, 1, 1, Math.Max(1, columns.Count));
        header.Style.Font.Bold = true;
        header.Style.Fill.BackgroundColor = XLColor.FromHtml("#DCE6F1");
        var r = 1;
        foreach (var row in rows)
        {
            r++;
            for (var c = 0; c < columns.Count; c++) Set(sheet.Cell(r, c + 1), columns[c].Value(row), columns[c].Type);
        }
        sheet.SheetView.FreezeRows(1);
        if (columns.Count > 0) sheet.Range(1, 1, Math.Max(1, r), columns.Count).SetAutoFilter();
        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Set(IXLCell cell, object? value, ExportType type)
    {
        switch (value)
        {
            case null: return;
            case DateOnly d: cell.SetValue(d.ToDateTime(TimeOnly.MinValue)); return;
            case DateTimeOffset dto: cell.SetValue(TimeZoneInfo.ConvertTime(dto, EstateTime.Default).DateTime); return;
            case DateTime dt: cell.SetValue(dt); return;
            case decimal m: cell.SetValue(type == ExportType.Money ? (double)decimal.Round(m, 2) : (double)m); return;
            case int i: cell.SetValue(i); return;
            case long l: cell.SetValue(l); return;
            case double x: cell.SetValue(x); return;
            case bool b: cell.SetValue(b ? "Yes" : "No"); return;
            default: cell.SetValue(value.ToString() ?? ""); return;
        }
    }

    private static string SafeSheetName(string name)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }

    public static string FileName(string what, DateTimeOffset at) => $"quantify-{what}-{at:yyyy-MM-dd}.xlsx";
}
