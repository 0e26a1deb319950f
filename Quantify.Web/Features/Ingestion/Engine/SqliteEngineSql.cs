using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>SQLite (3.33+ for UPDATE ... FROM): the embedded default.</summary>
public sealed class SqliteEngineSql : EngineSql
{
    /// <summary>Prepared statements kept between batches.</summary>
    public SqliteStatementCache Prepared { get; } = new();

    /// <summary>SQLITE_MAX_VARIABLE_NUMBER is 32,766 since 3.32; far fewer keep a statement quick to prepare.</summary>
    public override int MaxParameters => 2000;

    public override void Forget() => Prepared.Clear();

    /// <summary>
    /// A bare <c>?</c>: SQLite numbers them in order, and <see cref="SqliteEngineCommand"/> binds by that number. A named
    /// parameter would make SQLite look every name up among the ones before it while it prepares the statement (a
    /// linear search, so the square of 1,344 parameters per 64-row insert), and EF Core re-registers its SQL functions
    /// each time it opens a connection, which makes SQLite prepare every kept statement again (docs/performance.md,
    /// "Session 12").
    /// </summary>
    protected override string Placeholder(int row, int column) => "?";

    public override IEngineCommand Command(DbConnection connection, DbTransaction? transaction, EngineColumns columns, string text, int rows) =>
        new SqliteEngineCommand(Prepared, (SqliteConnection)connection, columns, text, rows);

    public override string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    // AUTOINCREMENT tables remember their highest id in sqlite_sequence, so a deleted row's id is never handed out again.
    public override string NextId(string table) =>
        $"SELECT MAX(COALESCE((SELECT \"seq\" FROM sqlite_sequence WHERE \"name\" = '{table}'), 0), COALESCE((SELECT MAX(\"Id\") FROM {Quote(table)}), 0)) + 1;";

    public override string Insert(string table, IReadOnlyList<string> columns, int rows, bool explicitIds) =>
        $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES {ValuesRows(rows, columns.Count)};";

    public override string Matching(string table, IReadOnlyList<string> keys, int rows)
    {
        var match = keys.Select((k, i) => $"t.{Quote(k)} = v.column{i + 1}");
        return $"SELECT {string.Join(", ", keys.Select(k => "t." + Quote(k)))} FROM (VALUES {ValuesRows(rows, keys.Count)}) AS v " +
            $"INNER JOIN {Quote(table)} AS t ON {string.Join(" AND ", match)};";
    }

    public override string Update(string table, IReadOnlyList<string> keys, IReadOnlyList<string> sets, int rows)
    {
        // VALUES names its columns column1, column2, ... in SQLite.
        var assign = sets.Select((s, i) => $"{Quote(s)} = v.column{keys.Count + i + 1}");
        var match = keys.Select((k, i) => $"{Quote(table)}.{Quote(k)} = v.column{i + 1}");
        return $"UPDATE {Quote(table)} SET {string.Join(", ", assign)} FROM (VALUES {ValuesRows(rows, keys.Count + sets.Count)}) AS v WHERE {string.Join(" AND ", match)};";
    }
}
