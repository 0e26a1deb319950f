using Microsoft.Data.Sqlite;

namespace Quantify.Web.Data;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file on a connection of its own, every
/// <see cref="Interval"/> (<c>PRAGMA wal_checkpoint(PASSIVE)</c>: it never blocks a reader or the writer). Without it,
/// the connection whose commit takes the log past 1,000 pages does that copy (SQLite's automatic checkpoint), and at full
/// speed that is the ingestion writer after every batch: 40-50 ms per 1,000 readings on its critical path
/// (docs/performance.md, "Session 14"). With it, the writer's connection only checkpoints as a safety net, once the log
/// holds <see cref="WriterSafetyNetPages"/> pages (if this service has stopped or cannot keep up).
/// <para>
/// Durability is unchanged: a commit is durable once its log frames are written and fsynced (<c>synchronous</c> FULL,
/// SQLite's default); a checkpoint only copies pages already committed. Once a checkpoint has copied the whole log and no
/// reader still needs it, SQLite's next writer starts the log again from its beginning, so the file stays small.
/// </para>
/// </summary>
public sealed class SqliteCheckpointer(string connectionString, TimeSpan interval, TimeProvider clock, ILogger<SqliteCheckpointer> log) : BackgroundService
{
    public const int SmallestIntervalMs = 10;
    public const int LargestIntervalMs = 60_000;

    /// <summary>
    /// The writer's automatic checkpoint (<c>PRAGMA wal_autocheckpoint</c>, in pages) while this service runs: about
    /// 80 MiB of log at 4 KiB pages, far above what the service leaves behind.
    /// </summary>
    public const int WriterSafetyNetPages = 20_000;

    private long checkpoints;
    private long behind = -1;

    public TimeSpan Interval { get; } = interval;

    /// <summary>Checkpoints run so far (each one a <c>PRAGMA wal_checkpoint(PASSIVE)</c>).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>Log frames the last checkpoint could not copy yet (a reader still needed them); -1 before the first one or outside WAL mode.</summary>
    public long Behind => Interlocked.Read(ref behind);

    /// <summary>The interval from <c>Database:SqliteCheckpointIntervalMs</c>, or null when it is 0 (SQLite's own automatic checkpoints).</summary>
    public static TimeSpan? IntervalFrom(int milliseconds) => milliseconds switch
    {
        0 => null,
        >= SmallestIntervalMs and <= LargestIntervalMs => TimeSpan.FromMilliseconds(milliseconds),
        _ => throw new InvalidOperationException(
            $"Database:SqliteCheckpointIntervalMs must be 0 (SQLite's automatic checkpoints) or between {SmallestIntervalMs} and {LargestIntervalMs} (milliseconds between background checkpoints); it is {milliseconds}."),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        SqliteConnection? connection = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(Interval, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                try
                {
                    connection ??= await OpenAsync(stoppingToken);
                    await CheckpointAsync(connection, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The next tick opens a fresh connection and tries again; the writer's safety net still bounds the log.
                    log.LogError(ex, "Background WAL checkpoint failed; retrying in {Interval}", Interval);
                    if (connection is not null) await connection.DisposeAsync();
                    connection = null;
                }
            }
        }
        finally
        {
            if (connection is not null) await connection.DisposeAsync();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task CheckpointAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(ct);
        // One row: busy (always 0 for PASSIVE), frames in the log, frames copied so far (both -1 outside WAL mode).
        if (await reader.ReadAsync(ct) && reader.GetInt64(1) is >= 0 and var frames) Interlocked.Exchange(ref behind, frames - reader.GetInt64(2));
        Interlocked.Increment(ref checkpoints);
    }
}
