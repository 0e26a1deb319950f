using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Ingestion.Pipeline;
using Quantify.Tests.Infrastructure;
using Quantify.Tests.Protocols;
using Quantify.Web.Data;
using Quantify.Web.Features.Ingestion;
using Quantify.Web.Features.Ingestion.Engine;

namespace Quantify.Tests.Schema;

/// <summary>
/// Database:SqliteCheckpointIntervalMs: a background connection copies the write-ahead log into the database file, so
/// the ingestion writer never waits for a checkpoint, and the log stays small.
/// </summary>
public sealed class SqliteCheckpointerTests
{
    private const int Batches = 12;
    private const int RowsPerBatch = 250;
    private const int RowBytes = 3000;
    private const int Patience = 30_000;

    /// <summary>
    /// Commits <see cref="Batches"/> transactions of about 250 pages each on a connection with SQLite's automatic
    /// checkpoint off, as the writer has it below its safety net; with a checkpointer running, waits after each commit
    /// until the service has checkpointed again. Returns the sizes of the log and the database file.
    /// </summary>
    private static async Task<(long Log, long Database, long Rows, int HandlesWhileRunning)> WriteAsync(string path, SqliteCheckpointer? checkpointer)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await ExecuteAsync(writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; CREATE TABLE Readings (Id INTEGER PRIMARY KEY, Payload BLOB NOT NULL);");
        if (checkpointer is not null) await checkpointer.StartAsync(default);
        var handlesWhileRunning = 0;
        try
        {
            var payload = new byte[RowBytes];
            for (var b = 0; b < Batches; b++)
            {
                await using (var tx = (SqliteTransaction)await writer.BeginTransactionAsync())
                {
                    await using var insert = writer.CreateCommand();
                    insert.Transaction = tx;
                    insert.CommandText = "INSERT INTO Readings (Payload) VALUES ($p)";
                    var p = insert.Parameters.Add("$p", SqliteType.Blob);
                    for (var r = 0; r < RowsPerBatch; r++)
                    {
                        Random.Shared.NextBytes(payload);
                        p.Value = payload;
                        await insert.ExecuteNonQueryAsync();
                    }
                    await tx.CommitAsync();
                }
                if (checkpointer is null) continue;
                var after = checkpointer.Checkpoints + 2; // one may have started before this commit
                await Eventually.TrueAsync(() => checkpointer.Checkpoints >= after, "a checkpoint after the commit", Patience);
            }
            handlesWhileRunning = OpenHandles(path);
        }
        finally
        {
            if (checkpointer is not null) await checkpointer.StopAsync(default);
        }
        await using var count = writer.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Readings";
        var rows = (long)(await count.ExecuteScalarAsync())!;
        return (new FileInfo(path + "-wal").Length, new FileInfo(path).Length, rows, handlesWhileRunning);
    }

    /// <summary>How many file descriptors of this process are open on <paramref name="path"/> (Linux): one per SQLite connection.</summary>
    private static int OpenHandles(string path) =>
        Directory.GetFiles("/proc/self/fd").Count(fd =>
        {
            try { return new FileInfo(fd).LinkTarget == path; }
            catch (IOException) { return false; } // closed while we looked
        });

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task TheLog_IsCopiedIntoTheDatabase_AndStaysSmall_WhileTheWriterDoesNotCheckpoint()
    {
        var dir = Directory.CreateTempSubdirectory("quantify-checkpoint-");
        try
        {
            var alone = Path.Combine(dir.FullName, "alone.db");
            var helped = Path.Combine(dir.FullName, "helped.db");
            var data = (long)Batches * RowsPerBatch * RowBytes;

            // Without the service the log holds every batch and the database file none of them.
            var (logAlone, dbAlone, rowsAlone, _) = await WriteAsync(alone, checkpointer: null);
            Assert.True(logAlone > data, $"log {logAlone} bytes, {data} bytes written");
            Assert.True(dbAlone < data / Batches, $"database file {dbAlone} bytes");

            var checkpointer = new SqliteCheckpointer(new SqliteConnectionStringBuilder { DataSource = helped, Pooling = false }.ToString(),
                TimeSpan.FromMilliseconds(10), TimeProvider.System, NullLogger<SqliteCheckpointer>.Instance);
            Assert.Equal((0, -1), (checkpointer.Checkpoints, checkpointer.Behind)); // nothing known before the first checkpoint
            var (logHelped, dbHelped, rowsHelped, handlesWhileRunning) = await WriteAsync(helped, checkpointer);
            // The service keeps one connection for all its checkpoints; the writer holds the other. (After it stops, SQLite
            // keeps a closed connection's descriptor open while another connection of the process holds locks on the file.)
            Assert.Equal(2, handlesWhileRunning);

            Assert.Equal(rowsAlone, rowsHelped);
            // Every batch reached the database file, and the log was started again instead of growing: it never held
            // more than the batch written since the last checkpoint and the one before it.
            Assert.True(dbHelped > data, $"database file {dbHelped} bytes, {data} bytes written");
            Assert.True(logHelped < 3 * data / Batches, $"log {logHelped} bytes; one batch is about {data / Batches}");
            Assert.Equal(0, checkpointer.Behind);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AFailingCheckpoint_IsLoggedAndRetried_AndNeverStopsTheService()
    {
        var dir = Directory.CreateTempSubdirectory("quantify-checkpoint-");
        try
        {
            // A database that cannot be opened yet (its folder does not exist): every tick fails until it appears.
            var path = Path.Combine(dir.FullName, "later", "quantify.db");
            var logs = new Accounts.AccountSecurityTests.CapturingLogs();
            using var factory = LoggerFactory.Create(b => b.AddProvider(logs));
            var checkpointer = new SqliteCheckpointer(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString(),
                TimeSpan.FromMilliseconds(10), TimeProvider.System, factory.CreateLogger<SqliteCheckpointer>());
            int Errors() => logs.Lines.Count(l => l.StartsWith("Background WAL checkpoint failed", StringComparison.Ordinal));
            await checkpointer.StartAsync(default);
            try
            {
                await Eventually.TrueAsync(() => Errors() >= 3, "three failed checkpoints logged", Patience);
                Assert.Equal(0, checkpointer.Checkpoints);
                Assert.False(checkpointer.ExecuteTask!.IsCompleted);

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await using (var create = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
                {
                    await create.OpenAsync();
                    await ExecuteAsync(create, "PRAGMA journal_mode=WAL;");
                }
                await Eventually.TrueAsync(() => checkpointer.Checkpoints >= 1, "a checkpoint once the database exists", Patience);
            }
            finally
            {
                await checkpointer.StopAsync(default);
            }
            Assert.True(checkpointer.ExecuteTask!.IsCompletedSuccessfully);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            dir.Delete(recursive: true);
        }
    }

    private static async Task<long> WriterAutoCheckpointAsync(TestApp app)
    {
        // Any batch makes the engine open its kept connection: an unknown device is enough (it is dead-lettered).
        var message = new IncomingMessage(MessageSource.Mqtt, "application/1/device/0000000000000000/event/up", "{}"u8.ToArray(), DateTimeOffset.UtcNow, "checkpoint-probe");
        await app.Services.GetRequiredService<ReadingPipeline>().ProcessAsync([message], default);
        var connection = app.Services.GetRequiredService<IngestionEngine>().WriterConnection;
        Assert.NotNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_autocheckpoint;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task ByDefault_TheWriterLeavesCheckpointsToTheService_UpToItsSafetyNet()
    {
        await using var app = await TestApp.StartAsync(demo: false);
        var checkpointer = app.Services.GetRequiredService<SqliteCheckpointer>();
        Assert.Equal(TimeSpan.FromMilliseconds(250), checkpointer.Interval);
        Assert.Equal(SqliteCheckpointer.WriterSafetyNetPages, await WriterAutoCheckpointAsync(app));
    }

    [Fact]
    public async Task AtZero_ThereIsNoService_AndTheWriterCheckpointsAsSqliteDoes()
    {
        await using var app = await TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Database:SqliteCheckpointIntervalMs"] = "0" });
        Assert.Null(app.Services.GetService<SqliteCheckpointer>());
        Assert.Equal(1000, await WriterAutoCheckpointAsync(app));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(10, 10)]
    [InlineData(250, 250)]
    [InlineData(60_000, 60_000)]
    public void TheIntervalSetting_IsZeroForOff_OrTenMillisecondsToOneMinute(int setting, int? milliseconds) =>
        Assert.Equal(milliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null, SqliteCheckpointer.IntervalFrom(setting));

    [Theory]
    [InlineData("9")]
    [InlineData("60001")]
    [InlineData("-250")]
    public async Task AnIntervalOutOfRange_StopsStartUp_NamingTheSetting(string milliseconds)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => TestApp.StartAsync(demo: false, settings: new Dictionary<string, string?> { ["Database:SqliteCheckpointIntervalMs"] = milliseconds }));
        var message = error is AggregateException { InnerException: { } inner } ? inner.Message : error.Message;
        Assert.Contains("Database:SqliteCheckpointIntervalMs must be 0 (SQLite's automatic checkpoints) or between 10 and 60000", message, StringComparison.Ordinal);
        Assert.Contains($"it is {milliseconds}", message, StringComparison.Ordinal);
    }
}
