using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// An engine statement prepared directly on the SQLite connection's handle (kept by <see cref="SqliteStatementCache"/>
/// between batches) and run inside its open transaction, its values
/// bound by position through <see cref="SqliteValues"/>, which encodes them exactly as Microsoft.Data.Sqlite does.
/// <para>
/// Why not a <see cref="SqliteCommand"/>: Microsoft.Data.Sqlite binds every parameter by name on every execution
/// (<c>sqlite3_bind_parameter_index</c>, a linear search of the statement's parameter names), so binding a multi-row
/// command costs the square of its parameters: a prepared 17-column insert ran at 29,000 rows/s with 64 rows per
/// command and 247,000 with one, while one row per command pays SQLite's per-statement costs (trigger programs above
/// all: 38 µs per one-row insert into LedgerTransactions against 10 µs without its trigger). Bound by position, the
/// 64-row insert ran at 366,000 rows/s (docs/performance.md, "Binding by name").
/// </para>
/// </summary>
public sealed class SqliteEngineCommand : IEngineCommand
{
    private readonly SqliteStatementCache cache;
    private readonly sqlite3 db;
    private readonly string text;
    private readonly sqlite3_stmt statement;
    private readonly EngineColumns columns;
    private readonly int count;

    public SqliteEngineCommand(SqliteStatementCache cache, SqliteConnection connection, EngineColumns columns, string text, int count)
    {
        this.cache = cache;
        db = connection.Handle ?? throw new InvalidOperationException("The engine writes on an open connection.");
        this.text = text;
        this.columns = columns;
        this.count = count;
        statement = cache.Rent(db, text);
    }

    public Task<int> RunAsync(IReadOnlyList<object?[]> rows, int start, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        try
        {
            Bind(rows, start);
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            return Task.FromResult(raw.sqlite3_changes(db));
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public Task<List<object?[]>> QueryAsync(IReadOnlyList<object?[]> rows, int start, int width, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var result = new List<object?[]>();
        try
        {
            Bind(rows, start);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                var values = new object?[width];
                for (var c = 0; c < width; c++)
                    values[c] = raw.sqlite3_column_type(statement, c) switch
                    {
                        raw.SQLITE_NULL => null,
                        raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, c),
                        raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, c),
                        raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, c).ToArray(),
                        _ => raw.sqlite3_column_text(statement, c).utf8_to_string(),
                    };
                result.Add(values);
            }
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, db);
            return Task.FromResult(result);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private void Bind(IReadOnlyList<object?[]> rows, int start)
    {
        var width = columns.Names.Count;
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            for (var c = 0; c < width; c++) SqliteValues.Bind(statement, r * width + c + 1, columns.ToProvider(c, row[c]), db);
        }
    }

    public ValueTask DisposeAsync()
    {
        cache.Return(db, text, statement);
        return ValueTask.CompletedTask;
    }
}
