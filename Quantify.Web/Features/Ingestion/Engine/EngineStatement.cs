using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// Writes rows of one shape in a batch's transaction: full chunks through one prepared multi-row command (reused for
/// every chunk), the remainder through a second command of the remainder's size. Returns the rows affected.
/// </summary>
public sealed class EngineStatement(EngineColumns columns, Func<int, string> sql)
{
    public EngineColumns Columns => columns;

    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<object?[]> rows, int chunk, CancellationToken ct)
    {
        if (rows.Count == 0) return 0;
        var affected = 0;
        var full = rows.Count / chunk * chunk;
        if (full > 0)
        {
            await using var command = Create(connection, transaction, chunk);
            for (var start = 0; start < full; start += chunk) affected += await RunAsync(command, rows, start, chunk, ct);
        }
        if (full < rows.Count)
        {
            await using var command = Create(connection, transaction, rows.Count - full);
            affected += await RunAsync(command, rows, full, rows.Count - full, ct);
        }
        return affected;
    }

    private DbCommand Create(DbConnection connection, DbTransaction? transaction, int count)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql(count);
        for (var r = 0; r < count; r++)
            for (var c = 0; c < columns.Names.Count; c++)
                command.Parameters.Add(columns.CreateParameter(command, EngineSql.Parameter(r, c), c));
        return command;
    }

    private async Task<int> RunAsync(DbCommand command, IReadOnlyList<object?[]> rows, int start, int count, CancellationToken ct)
    {
        var width = columns.Names.Count;
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            for (var c = 0; c < width; c++) columns.Bind(command.Parameters[r * width + c], c, row[c]);
        }
        return await command.ExecuteNonQueryAsync(ct);
    }
}
