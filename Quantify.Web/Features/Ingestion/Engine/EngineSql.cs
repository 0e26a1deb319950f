using System.Data.Common;

namespace Quantify.Web.Features.Ingestion.Engine;

/// <summary>
/// The SQL the ingestion engine sends, per provider: multi-row inserts, multi-row keyed updates (with the old value of
/// a concurrency column among the keys), a multi-row key lookup and the next free id of a table. Values are always
/// parameters, each used once, row by row (<see cref="Placeholder"/>: named <c>@p{row}_{column}</c> where the provider
/// binds by name, a bare <c>?</c> where it binds by position); the text depends only on the table, the columns and the
/// row count, so a statement is prepared once and executed for every full chunk of a batch.
/// </summary>
public abstract class EngineSql
{
    /// <summary>A prepared command for <paramref name="text"/> with <paramref name="rows"/> rows of <paramref name="columns"/>.</summary>
    public abstract IEngineCommand Command(DbConnection connection, DbTransaction? transaction, EngineColumns columns, string text, int rows);

    /// <summary>Drops the prepared statements kept between batches, if the provider keeps any (after a failed batch, at shutdown).</summary>
    public virtual void Forget()
    {
    }

    /// <summary>The most parameters one command may carry on this provider.</summary>
    public abstract int MaxParameters { get; }

    public abstract string Quote(string name);

    /// <summary>The next id to allocate in <paramref name="table"/>: above every id ever used, deleted ones included.</summary>
    public abstract string NextId(string table);

    /// <summary>Inserts <paramref name="rows"/> rows; <paramref name="explicitIds"/> when the identity column is given.</summary>
    public abstract string Insert(string table, IReadOnlyList<string> columns, int rows, bool explicitIds);

    /// <summary>
    /// Updates <paramref name="rows"/> rows: each row's values are the <paramref name="keys"/> (all must match) then the
    /// <paramref name="sets"/>. The number of rows affected tells whether every key matched.
    /// </summary>
    public abstract string Update(string table, IReadOnlyList<string> keys, IReadOnlyList<string> sets, int rows);

    /// <summary>
    /// The rows of <paramref name="table"/> whose <paramref name="keys"/> equal one of <paramref name="rows"/> parameter
    /// rows (a join with a table value constructor, so each row is one index probe); selects the key columns.
    /// </summary>
    public abstract string Matching(string table, IReadOnlyList<string> keys, int rows);

    /// <summary>Rows per statement for a table of <paramref name="columns"/> columns (bounded by the parameter limit).</summary>
    public int RowsPerStatement(int columns, int wanted = 64) => Math.Max(1, Math.Min(wanted, MaxParameters / columns));

    public static string Parameter(int row, int column) => $"@p{row}_{column}";

    /// <summary>How a value appears in the statement's text: by default the named <see cref="Parameter"/>.</summary>
    protected virtual string Placeholder(int row, int column) => Parameter(row, column);

    protected string ValuesRows(int rows, int columns)
    {
        var sb = new System.Text.StringBuilder(rows * columns * 8);
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            sb.Append('(');
            for (var c = 0; c < columns; c++)
            {
                if (c > 0) sb.Append(", ");
                sb.Append(Placeholder(r, c));
            }
            sb.Append(')');
        }
        return sb.ToString();
    }
}
