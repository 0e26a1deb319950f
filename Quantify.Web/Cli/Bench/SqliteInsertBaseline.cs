using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Quantify.Web.Cli.Bench;

/// <summary>
/// The ceiling: the same reading rows the pipeline stored, copied column for column into a fresh table of the same shape
/// and indexes (no foreign key, nothing else in the database) with a prepared command and one transaction per 1,000
/// rows, on the same SQLite settings (WAL, default synchronous). Only the inserts are timed.
/// </summary>
public static class SqliteInsertBaseline
{
    public const int RowsPerTransaction = 1000;

    public sealed record Result(long Rows, double Seconds)
    {
        public double RowsPerSecond => Rows / Seconds;
    }

    public static Result Run(string sourceDatabase, string targetDatabase, string source)
    {
        List<object[]> rows;
        List<(string Name, string Type, bool NotNull)> columns;
        using (var from = Open(sourceDatabase))
        {
            columns = [];
            using (var info = from.CreateCommand())
            {
                info.CommandText = "PRAGMA table_info(\"MeterReadings\")";
                using var r = info.ExecuteReader();
                while (r.Read())
                    if (r.GetString(1) != "Id") columns.Add((r.GetString(1), r.GetString(2), r.GetInt64(3) != 0));
            }
            using var select = from.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"\"{c.Name}\""))} FROM \"MeterReadings\" WHERE \"Source\" = $source ORDER BY \"Id\"";
            select.Parameters.AddWithValue("$source", source);
            rows = [];
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var values = new object[columns.Count];
                reader.GetValues(values);
                rows.Add(values);
            }
        }

        using var to = Open(targetDatabase);
        Execute(to, "PRAGMA journal_mode=WAL;");
        Execute(to, "CREATE TABLE \"Readings\" (\"Id\" INTEGER NOT NULL CONSTRAINT \"PK_Readings\" PRIMARY KEY AUTOINCREMENT, " +
                    string.Join(", ", columns.Select(c => $"\"{c.Name}\" {c.Type}{(c.NotNull ? " NOT NULL" : "")}")) + ")");
        Execute(to, "CREATE UNIQUE INDEX \"IX_Readings_MeterId_DedupeKey\" ON \"Readings\" (\"MeterId\", \"DedupeKey\")");
        Execute(to, "CREATE INDEX \"IX_Readings_MeterId_ReadAt\" ON \"Readings\" (\"MeterId\", \"ReadAt\")");

        var watch = Stopwatch.StartNew();
        using var insert = to.CreateCommand();
        insert.CommandText = $"INSERT INTO \"Readings\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) " +
                             $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
        var tx = to.BeginTransaction();
        insert.Transaction = tx;
        insert.Prepare();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            for (var c = 0; c < parameters.Length; c++) parameters[c].Value = row[c];
            insert.ExecuteNonQuery();
            if ((i + 1) % RowsPerTransaction == 0)
            {
                tx.Commit();
                tx.Dispose();
                tx = to.BeginTransaction();
                insert.Transaction = tx;
            }
        }
        tx.Commit();
        tx.Dispose();
        watch.Stop();
        return new Result(rows.Count, watch.Elapsed.TotalSeconds);
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
