using System.Data.Common;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// SQL Server: the same statements as table value constructors (at most 1,000 rows and 2,100 parameters per
/// statement), identity columns written under IDENTITY_INSERT. Compiled and parsed in tests; no figure is claimed.
/// </summary>
public sealed class SqlServerEngineSql : EngineSql
{
    public override int MaxParameters => 2000;

    public override IEngineCommand Command(DbConnection connection, DbTransaction? transaction, EngineColumns columns, string text, int rows) =>
        new DbEngineCommand(connection, transaction, columns, text, rows);

    public override string Quote(string name) => "[" + name.Replace("]", "]]", StringComparison.Ordinal) + "]";

    public override string NextId(string table) =>
        $"SELECT CAST(GREATEST(COALESCE((SELECT MAX([Id]) FROM {Quote(table)} WITH (UPDLOCK, HOLDLOCK)), 0), " +
        $"COALESCE(CAST(IDENT_CURRENT('{table}') AS bigint), 0)) + 1 AS bigint);";

    public override string Insert(string table, IReadOnlyList<string> columns, int rows, bool explicitIds)
    {
        var insert = $"INSERT INTO {Quote(table)} ({string.Join(", ", columns.Select(Quote))}) VALUES {ValuesRows(rows, columns.Count)};";
        return explicitIds ? $"SET IDENTITY_INSERT {Quote(table)} ON; {insert} SET IDENTITY_INSERT {Quote(table)} OFF;" : insert;
    }

    public override string Matching(string table, IReadOnlyList<string> keys, int rows)
    {
        var names = keys.Select((_, i) => $"k{i}").ToList();
        var match = keys.Select((k, i) => $"t.{Quote(k)} = v.[k{i}]");
        return $"SELECT {string.Join(", ", keys.Select(k => "t." + Quote(k)))} FROM (VALUES {ValuesRows(rows, keys.Count)}) AS v ({string.Join(", ", names.Select(Quote))}) " +
            $"INNER JOIN {Quote(table)} AS t ON {string.Join(" AND ", match)};";
    }

    public override string Update(string table, IReadOnlyList<string> keys, IReadOnlyList<string> sets, int rows)
    {
        var names = keys.Select((_, i) => $"k{i}").Concat(sets.Select((_, i) => $"s{i}")).ToList();
        var assign = sets.Select((s, i) => $"t.{Quote(s)} = v.[s{i}]");
        var match = keys.Select((k, i) => $"t.{Quote(k)} = v.[k{i}]");
        return $"UPDATE t SET {string.Join(", ", assign)} FROM {Quote(table)} AS t INNER JOIN (VALUES {ValuesRows(rows, names.Count)}) AS v ({string.Join(", ", names.Select(Quote))}) " +
            $"ON {string.Join(" AND ", match)};";
    }
}
