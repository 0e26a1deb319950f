using System.Data.Common;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// Writes rows of one shape in a batch's transaction: full chunks through one prepared multi-row command (reused for
/// every chunk), the remainder through a second command of the remainder's size. Returns the rows affected.
/// </summary>
public sealed class EngineStatement(EngineSql dialect, EngineColumns columns, Func<int, string> text)
{
    // The text of a statement depends only on its row count: built once per count (a quiet spell's batches of a few
    // dozen readings have a different remainder every time).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> texts = new();

    public EngineColumns Columns => columns;

    private string Text(int rows) => texts.GetOrAdd(rows, text);

    public async Task<int> ExecuteAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<object?[]> rows, int chunk, CancellationToken ct)
    {
        var affected = 0;
        await EachChunkAsync(connection, transaction, rows, chunk, async (command, start) => affected += await command.RunAsync(rows, start, ct));
        return affected;
    }

    /// <summary>Runs a query statement for every chunk of <paramref name="rows"/>; the result rows of all chunks, <paramref name="width"/> values each.</summary>
    public async Task<List<object?[]>> QueryAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<object?[]> rows, int chunk, int width, CancellationToken ct)
    {
        var result = new List<object?[]>();
        await EachChunkAsync(connection, transaction, rows, chunk, async (command, start) => result.AddRange(await command.QueryAsync(rows, start, width, ct)));
        return result;
    }

    private async Task EachChunkAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<object?[]> rows, int chunk, Func<IEngineCommand, int, Task> run)
    {
        var full = rows.Count / chunk * chunk;
        if (full > 0)
        {
            await using var command = dialect.Command(connection, transaction, columns, Text(chunk), chunk);
            for (var start = 0; start < full; start += chunk) await run(command, start);
        }
        if (full < rows.Count)
        {
            await using var command = dialect.Command(connection, transaction, columns, Text(rows.Count - full), rows.Count - full);
            await run(command, full);
        }
    }
}
