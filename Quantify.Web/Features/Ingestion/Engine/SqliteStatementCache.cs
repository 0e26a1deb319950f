using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// The engine's prepared SQLite statements, kept between batches for the connection they were prepared on (the writer's
/// own, kept open: see <see cref="IngestionEngine.UseWriterConnectionAsync"/>). Preparing a 64-row insert into a table with a trigger costs
/// about as much as running it, and a batch runs about fifteen statements. A statement is handed out to one command at
/// a time; when a batch arrives on another connection, the statements of the previous one are finalized.
/// </summary>
public sealed class SqliteStatementCache : IDisposable
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, sqlite3_stmt> idle = new(StringComparer.Ordinal);
    private sqlite3? owner;
    private long prepares;
    private long reprepares;

    /// <summary>Statements prepared from their text (a kept one handed out again does not count).</summary>
    public long Prepares => Interlocked.Read(ref prepares);

    /// <summary>
    /// Times SQLite prepared a kept statement again on its own because something had expired it (a function or
    /// collation redefined on the connection, a schema change): each costs as much as a prepare.
    /// </summary>
    public long Reprepares => Interlocked.Read(ref reprepares);

    /// <summary>SQLITE_STMTSTATUS_REPREPARE (SQLitePCLRaw names no constant for it).</summary>
    private const int StatusReprepare = 5;

    public sqlite3_stmt Rent(sqlite3 db, string text)
    {
        lock (gate)
        {
            if (!ReferenceEquals(owner, db))
            {
                FinalizeAll();
                owner = db;
            }
            if (idle.Remove(text, out var cached)) return cached;
        }
        Interlocked.Increment(ref prepares);
        var rc = raw.sqlite3_prepare_v2(db, text, out var statement);
        if (rc != raw.SQLITE_OK)
        {
            statement.Dispose();
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        return statement;
    }

    /// <summary>Takes a statement back (reset by the caller); finalizes it if its connection is no longer the current one.</summary>
    public void Return(sqlite3 db, string text, sqlite3_stmt statement)
    {
        Interlocked.Add(ref reprepares, raw.sqlite3_stmt_status(statement, StatusReprepare, 1));
        lock (gate)
        {
            if (ReferenceEquals(owner, db) && idle.TryAdd(text, statement)) return;
        }
        statement.Dispose();
    }

    /// <summary>Finalizes every idle statement (after a failed batch, and at shutdown).</summary>
    public void Clear()
    {
        lock (gate) FinalizeAll();
    }

    public int Count
    {
        get { lock (gate) return idle.Count; }
    }

    public void Dispose() => Clear();

    private void FinalizeAll()
    {
        foreach (var statement in idle.Values) statement.Dispose();
        idle.Clear();
        owner = null;
    }
}
