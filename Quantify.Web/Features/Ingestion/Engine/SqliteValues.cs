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
            string s => raw.sqlite3_bind_text(statement, index, s),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            short s => raw.sqlite3_bind_int64(statement, index, s),
            byte b => raw.sqlite3_bind_int64(statement, index, b),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            decimal d => raw.sqlite3_bind_text(statement, index, d.ToString("0.0###########################", CultureInfo.InvariantCulture)),
            double d when double.IsNaN(d) => throw new InvalidOperationException("Cannot store a NaN value."),
            double d => raw.sqlite3_bind_double(statement, index, d),
            DateTime t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture)),
            DateTimeOffset t => raw.sqlite3_bind_text(statement, index, t.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", CultureInfo.InvariantCulture)),
            DateOnly d => raw.sqlite3_bind_text(statement, index, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
            Guid g => raw.sqlite3_bind_text(statement, index, g.ToString().ToUpperInvariant()),
            byte[] b => raw.sqlite3_bind_blob(statement, index, b),
            _ => throw new NotSupportedException($"The ingestion engine cannot bind a {value.GetType().Name} to SQLite; add it to {nameof(SqliteValues)} with a test."),
        };
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
    }
}
