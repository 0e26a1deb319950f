using ClosedXML.Excel;

namespace Quantify.Web.Features.Import;

/// <summary>
/// The downloadable template of a kind: the data sheet with its header row, one example row (skipped on upload if left
/// unchanged), drop-down lists for choice columns (estate names included), set column widths, and a Notes sheet.
/// </summary>
public static class ImportTemplates
{
    public static byte[] Build(ImportSchema schema, IReadOnlyList<string> estateNames)
    {
        using var wb = new XLWorkbook();
        var sheet = wb.Worksheets.Add(schema.SheetName);
        var lists = wb.Worksheets.Add("Lists");
        var notes = wb.Worksheets.Add("Notes");

        // Lists sheet: one column per choice list, referenced by the data validations.
        var listColumn = 0;
        string ListRange(IReadOnlyList<string> values, string title)
        {
            listColumn++;
            lists.Cell(1, listColumn).Value = title;
            for (var i = 0; i < values.Count; i++) lists.Cell(i + 2, listColumn).SetValue(values[i]);
            var letter = XLHelper.GetColumnLetterFromNumber(listColumn);
            lists.Column(listColumn).Width = 28;
            return $"Lists!${letter}$2:${letter}${Math.Max(2, values.Count + 1)}";
        }

        for (var c = 0; c < schema.Columns.Count; c++)
        {
            var column = schema.Columns[c];
            var header = sheet.Cell(1, c + 1);
            header.Value = column.Header;
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = column.Required ? XLColor.FromHtml("#DCE6F1") : XLColor.FromHtml("#F2F2F2");
            sheet.Column(c + 1).Width = column.Width;
            var data = sheet.Range(2, c + 1, 5001, c + 1);
            switch (column.Type)
            {
                case ColumnType.Text: data.Style.NumberFormat.Format = "@"; break;
                case ColumnType.Date: data.Style.NumberFormat.Format = "yyyy-mm-dd"; break;
                case ColumnType.Money: data.Style.NumberFormat.Format = "0.00"; break;
                case ColumnType.Integer: data.Style.NumberFormat.Format = "0"; break;
            }
            var choices = column.EstateChoices ? estateNames : column.Choices;
            if (choices is { Count: > 0 })
            {
                var validation = data.SetDataValidation();
                validation.List(ListRange(choices, column.Header), true);
                validation.IgnoreBlanks = !column.Required;
                validation.ErrorTitle = column.Header;
                validation.ErrorMessage = "Pick a value from the list.";
            }
            else if (column.Type is ColumnType.Number or ColumnType.Money)
            {
                var validation = data.SetDataValidation();
                validation.Decimal.Between(-1_000_000_000, 1_000_000_000);
                validation.ErrorTitle = column.Header;
                validation.ErrorMessage = "This column takes a number.";
            }
            else if (column.Type == ColumnType.Integer)
            {
                var validation = data.SetDataValidation();
                validation.WholeNumber.Between(0, 1_000_000);
                validation.ErrorTitle = column.Header;
                validation.ErrorMessage = "This column takes a whole number.";
            }
            else if (column.Type == ColumnType.Date)
            {
                var validation = data.SetDataValidation();
                validation.Date.Between(new DateTime(1900, 1, 1), new DateTime(2100, 12, 31));
                validation.ErrorTitle = column.Header;
                validation.ErrorMessage = "This column takes a date (yyyy-mm-dd).";
            }
            // The example row, typed as the column is.
            var cell = sheet.Cell(2, c + 1);
            if (column.Example.Length > 0)
            {
                switch (column.Type)
                {
                    case ColumnType.Date: cell.SetValue(DateTime.Parse(column.Example, System.Globalization.CultureInfo.InvariantCulture)); break;
                    case ColumnType.Number or ColumnType.Money or ColumnType.Integer:
                        cell.SetValue(double.Parse(column.Example, System.Globalization.CultureInfo.InvariantCulture)); break;
                    default: cell.SetValue(column.Example); break;
                }
            }
            cell.Style.Font.Italic = true;
            cell.Style.Font.FontColor = XLColor.Gray;
        }
        sheet.SheetView.FreezeRows(1);

        notes.Cell(1, 1).Value = $"Quantify import template: {schema.Title}";
        notes.Cell(1, 1).Style.Font.Bold = true;
        notes.Cell(1, 1).Style.Font.FontSize = 14;
        var line = 3;
        foreach (var text in new[]
                 {
                     schema.Description,
                     $"Fill in the sheet '{schema.SheetName}': keep the header row as it is (the columns may be in any order; none may be missing or added).",
                     "Row 2 is an example: overwrite it or delete it (left unchanged it is skipped).",
                     $"Natural key: {schema.NaturalKey}. Uploading the file again updates what changed and adds what is new; nothing is duplicated.",
                     "Upload shows a preview first: every bad cell with its row, column and reason. Committing writes the good rows; fix the rest and upload the corrected file.",
                     "Do not merge cells. Type numbers and dates as numbers and dates (not text).",
                 })
        {
            notes.Cell(line, 1).Value = text;
            line++;
        }
        line++;
        notes.Cell(line, 1).Value = "Column";
        notes.Cell(line, 2).Value = "Required";
        notes.Cell(line, 3).Value = "Type";
        notes.Cell(line, 4).Value = "What to enter";
        notes.Range(line, 1, line, 4).Style.Font.Bold = true;
        foreach (var column in schema.Columns)
        {
            line++;
            notes.Cell(line, 1).Value = column.Header;
            notes.Cell(line, 2).Value = column.Required ? "yes" : "no";
            notes.Cell(line, 3).Value = column.Type.ToString();
            notes.Cell(line, 4).Value = column.Note + (column.Choices is { } ch ? " Values: " + string.Join(", ", ch) + "." : "");
        }
        notes.Column(1).Width = 24;
        notes.Column(2).Width = 10;
        notes.Column(3).Width = 10;
        notes.Column(4).Width = 100;
        lists.Hide();

        using var stream = new MemoryStream();
        wb.SaveAs(stream);
        return stream.ToArray();
    }

    public static string FileName(ImportSchema schema) => $"quantify-{schema.Slug}-template.xlsx";
}
