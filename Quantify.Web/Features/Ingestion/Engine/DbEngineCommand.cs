using System.Data.Common;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// An engine statement as an ADO.NET command with named parameters (<c>@p{row}_{column}</c>), each configured by the
/// column's EF type mapping: the provider binds the values as EF Core would. Used where the provider sends parameters
/// by name once per execution (SQL Server).
/// </summary>
public sealed class DbEngineCommand : IEngineCommand
{
    private readonly DbCommand command;
    private readonly EngineColumns columns;
    private readonly int count;

    public DbEngineCommand(DbConnection connection, DbTransaction? transaction, EngineColumns columns, string text, int count)
    {
        this.columns = columns;
        this.count = count;
        command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        for (var r = 0; r < count; r++)
            for (var c = 0; c < columns.Names.Count; c++)
                command.Parameters.Add(columns.CreateParameter(command, EngineSql.Parameter(r, c), c));
    }

    public async Task<int> RunAsync(IReadOnlyList<object?[]> rows, int start, CancellationToken ct)
    {
        Bind(rows, start);
        return await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<List<object?[]>> QueryAsync(IReadOnlyList<object?[]> rows, int start, int width, CancellationToken ct)
    {
        Bind(rows, start);
        var result = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var values = new object?[width];
            for (var c = 0; c < width; c++) values[c] = await reader.IsDBNullAsync(c, ct) ? null : reader.GetValue(c);
            result.Add(values);
        }
        return result;
    }

    private void Bind(IReadOnlyList<object?[]> rows, int start)
    {
        var width = columns.Names.Count;
        for (var r = 0; r < count; r++)
        {
            var row = rows[start + r];
            for (var c = 0; c < width; c++) command.Parameters[r * width + c].Value = columns.ToProvider(c, row[c]) ?? DBNull.Value;
        }
    }

    public ValueTask DisposeAsync() => command.DisposeAsync();
}
