using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;

namespace Quantify.Tests.Schema;

/// <summary>
/// The SQL EF Core really sends to SQL Server when it saves, captured without a server (the connection open is
/// suppressed and the first command is caught). SQL Server refuses <c>OUTPUT</c> without <c>INTO</c> on a table with an
/// enabled trigger, so inserts into the ledger tables must not use it; a table without triggers still does (the control).
/// </summary>
public class SqlServerSaveSqlTests
{
    [Fact]
    public void InsertIntoLedgerTransactions_UsesNoOutputClause()
    {
        var sql = FirstCommand(db => db.LedgerTransactions.Add(
            new LedgerTransaction("QTX-1", TransactionType.TopUp, new DateOnly(2026, 12, 6), DateTimeOffset.UnixEpoch, "Top-up", "k1", "h1")));
        Assert.Contains("INSERT INTO [LedgerTransactions]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("OUTPUT", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void InsertIntoLedgerLines_UsesNoOutputClause()
    {
        var sql = FirstCommand(db =>
        {
            var line = new LedgerLine(1, 10m, 1, 1, null, new string('a', 64));
            db.Add(line);
            db.Entry(line).Property(nameof(LedgerLine.TransactionId)).CurrentValue = 7L;
        });
        Assert.Contains("INSERT INTO [LedgerLines]", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("OUTPUT", sql, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void InsertIntoATableWithoutTriggers_StillUsesOutput_SoTheCaptureSeesIt()
    {
        var sql = FirstCommand(db => db.LedgerAccounts.Add(new LedgerAccount("test:1", AccountKind.Bank, "Test")));
        Assert.Contains("INSERT INTO [LedgerAccounts]", sql, StringComparison.Ordinal);
        Assert.Contains("OUTPUT INSERTED", sql, StringComparison.Ordinal);
    }

    private static string FirstCommand(Action<SqlServerQuantifyDbContext> change)
    {
        var capture = new CaptureFirstCommand();
        var options = new DbContextOptionsBuilder<SqlServerQuantifyDbContext>()
            .UseSqlServer("Server=127.0.0.1,1;Database=Quantify;User Id=x;Password=x;TrustServerCertificate=True")
            .AddInterceptors(capture).Options;
        using var db = new SqlServerQuantifyDbContext(options);
        db.Database.AutoTransactionBehavior = AutoTransactionBehavior.Never;
        change(db);
        var error = Assert.ThrowsAny<Exception>(() => db.SaveChanges());
        Assert.True(capture.Sql is not null, "No command was captured: " + error);
        return capture.Sql!;
    }

    /// <summary>Pretends the connection opened, records the first command's text and stops there.</summary>
    private sealed class CaptureFirstCommand : DbConnectionInterceptor, IDbCommandInterceptor
    {
        public string? Sql { get; private set; }

        public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result) =>
            InterceptionResult.Suppress();

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            throw Captured(command);

        public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            throw Captured(command);

        private InvalidOperationException Captured(DbCommand command)
        {
            Sql ??= command.CommandText;
            return new InvalidOperationException("captured");
        }
    }
}
