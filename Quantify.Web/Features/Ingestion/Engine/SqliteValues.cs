using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// Binds a provider value (after the EF value converter) to a SQLite statement by position, encoded as
/// Microsoft.Data.Sqlite encodes it for a parameter whose <see cref="SqliteType"/> EF leaves unset: integers and
/// booleans as INTEGER, decimals, dates, times and GUIDs as Microsoft.Data.Sqlite's text forms, doubles as REAL, byte
/// arrays as BLOB. A type it does not know is refused rather than guessed. <c>SqliteValuesTests</c> binds every column
/// type of the engine's tables both ways and compares storage class and value.
/// </summary>
public static class SqliteValues
{
    public static void Bind(sqlite3_stmt statement, int index, object? value, sqlite3 db)
    {
        var rc = value switch
        {
            null or DBNull => raw.sqlite3_bind_null(statement, index),
            // SQLite stores UTF-16 text in a UTF-8 database as UTF-8: the same bytes, without a managed copy per value.
            string s => raw.sqlite3_bind_text16(statement, index, s.AsSpan()),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            short s => raw.sqlite3_bind_int64(statement, index, s),
            byte b => raw.sqlite3_bind_int64(statement, index, b),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            decimal d => Formatted(statement, index, d, DecimalFormat),
            double d when double.IsNaN(d) => throw new InvalidOperationException("Cannot store a NaN value."),
            double d => raw.sqlite3_bind_double(statement, index, d),
            DateTime t => Formatted(statement, index, t, DateTimeFormat),
            DateTimeOffset t => Formatted(statement, index, t, DateTimeOffsetFormat),
            DateOnly d => Formatted(statement, index, d, DateOnlyFormat),
            Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
            byte[] b => raw.sqlite3_bind_blob(statement, index, b),
            _ => throw new NotSupportedException($"The ingestion engine cannot bind a {value.GetType().Name} to SQLite; add it to {nameof(SqliteValues)} with a test."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }

    // Microsoft.Data.Sqlite's text forms (SqliteValueBinder).
    private const string DecimalFormat = "0.0###########################";
    private const string DateTimeFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF";
    private const string DateTimeOffsetFormat = @"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz";
    private const string DateOnlyFormat = @"yyyy\-MM\-dd";

    /// <summary>The value's text form, formatted on the stack (as <c>ToString(format)</c> would, without the string).</summary>
    private static int Formatted<T>(sqlite3_stmt statement, int index, T value, string format) where T : ISpanFormattable
    {
        Span<char> text = stackalloc char[64];
        if (!value.TryFormat(text, out var written, format, CultureInfo.InvariantCulture))
            return raw.sqlite3_bind_text(statement, index, value.ToString(format, CultureInfo.InvariantCulture));
        return raw.sqlite3_bind_text16(statement, index, text[..written]);
    }
}
