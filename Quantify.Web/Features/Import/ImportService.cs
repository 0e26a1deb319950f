using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Import;

public enum RowAction { Create, Update, Unchanged, Invalid }

/// <summary>What happened (or, in a preview, would happen) to one row.</summary>
public sealed record RowOutcome(int Row, RowAction Action, string Key, string Detail, IReadOnlyList<CellError> Errors);

public sealed record ImportCounts(int Total, int Created, int Updated, int Unchanged, int Failed);

/// <summary>A preview (nothing written) or a commit's outcome. <see cref="FileErrors"/> non-empty means the file was refused as a whole.</summary>
public sealed record ImportReport(ImportKind Kind, string FileName, bool Committed, long? RunId, IReadOnlyList<CellError> FileErrors, IReadOnlyList<RowOutcome> Rows,
    int SkippedExampleRows)
{
    public ImportCounts Counts => new(Rows.Count, Rows.Count(r => r.Action == RowAction.Create), Rows.Count(r => r.Action == RowAction.Update),
        Rows.Count(r => r.Action == RowAction.Unchanged), Rows.Count(r => r.Action == RowAction.Invalid));

    public IEnumerable<CellError> AllErrors => FileErrors.Concat(Rows.SelectMany(r => r.Errors));
}

public sealed record ImportProgress(int Done, int Total);

public sealed class ImportOptions
{
    /// <summary>Uploads larger than this are refused before they are read (configuration: Import:MaxFileBytes).</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Rows written per database transaction (each row still has its own savepoint).</summary>
    public int ChunkSize { get; set; } = 500;
}

public sealed record ImportHistoryRow(long Id, ImportKind Kind, string? EstateName, string FileName, long FileSize, string UserName, DateTimeOffset StartedAt,
    double Seconds, int Total, int Created, int Updated, int Unchanged, int Failed, string Errors);

/// <summary>
/// Bulk import from Excel: read the sheet against the kind's schema, plan every row against the database by its natural
/// key (create, update, unchanged, or invalid with cell errors), and on commit write the good rows, each atomically
/// (a savepoint per row inside a chunk transaction, or the ledger's own transaction for postings). Re-uploading a
/// corrected file lands only what is new or changed. Every commit is recorded with its original file.
/// </summary>
public sealed class ImportService(IDbContextFactory<QuantifyDbContext> factory, IEnumerable<ImportHandler> handlers, IOptions<ImportOptions> options,
    TimeProvider clock, Ingestion.MeterDirectory? directory = null)
{
    public long MaxFileBytes => options.Value.MaxFileBytes;

    /// <summary>Admins import anywhere; managing agents only into the estates they are assigned to.</summary>
    public static IReadOnlySet<int>? ImportableEstates(UserScope scope) => scope.ManagedEstates;

    public static bool MayImport(UserScope scope, int? estateId) =>
        ImportableEstates(scope) is not { } allowed || (estateId is int id ? allowed.Contains(id) : allowed.Count > 0);

    public string? SizeError(long length) => length > MaxFileBytes
        ? $"The file is {length / 1024.0 / 1024.0:0.#} MB; the limit is {MaxFileBytes / 1024.0 / 1024.0:0.#} MB. Split it into smaller files (by estate or block) and upload each."
        : null;

    public Task<ImportReport> PreviewAsync(ImportKind kind, byte[] bytes, string fileName, UserScope scope, int? estateId, CancellationToken ct = default) =>
        RunAsync(kind, bytes, fileName, scope, estateId, commit: false, null, ct);

    public Task<ImportReport> CommitAsync(ImportKind kind, byte[] bytes, string fileName, UserScope scope, int? estateId, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default) =>
        RunAsync(kind, bytes, fileName, scope, estateId, commit: true, progress, ct);

    private async Task<ImportReport> RunAsync(ImportKind kind, byte[] bytes, string fileName, UserScope scope, int? estateId, bool commit,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        if (!MayImport(scope, estateId)) throw new UnauthorizedAccessException("Not allowed to import into that estate.");
        var startedAt = clock.GetUtcNow();
        var schema = ImportSchemas.For(kind);
        if (SizeError(bytes.LongLength) is { } tooBig) return Refused(kind, fileName, tooBig);
        var sheet = XlsxSheetReader.Read(bytes, schema);
        if (sheet.FileErrors.Count > 0) return new ImportReport(kind, fileName, false, null, sheet.FileErrors, [], 0);
        if (sheet.Rows.Count == 0)
            return Refused(kind, fileName, sheet.SkippedExampleRows > 0
                ? "The sheet holds only the template's example row: add your own rows below the headers (and delete or overwrite the example)."
                : $"Sheet '{schema.SheetName}' has headers but no data rows.");

        var handler = handlers.Single(h => h.Schema.Kind == kind);
        using var actor = UserContext.Begin(scope.UserId, null);
        ImportContext context;
        IReadOnlyList<PlannedRow> plan;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            context = await ImportContext.LoadAsync(db, scope, estateId, clock, ct);
            plan = await handler.PlanAsync(db, context, sheet.Rows, ct);
        }
        if (commit)
        {
            if (handler.UsesLedger) await ApplyOneByOneAsync(handler, context, plan, progress, ct);
            else await ApplyInChunksAsync(handler, context, plan, progress, ct);
            if (kind == ImportKind.Meters) directory?.Invalidate();
        }
        var rows = plan.Select(p => p.ToOutcome()).ToList();
        long? runId = null;
        if (commit) runId = await RecordAsync(kind, estateId, fileName, bytes, scope.UserId, startedAt, rows, ct);
        return new ImportReport(kind, fileName, commit, runId, [], rows, sheet.SkippedExampleRows);
    }

    private async Task ApplyInChunksAsync(ImportHandler handler, ImportContext context, IReadOnlyList<PlannedRow> plan, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var done = 0;
        foreach (var chunk in plan.Chunk(Math.Max(1, options.Value.ChunkSize)))
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var row in chunk)
            {
                if (row.Action is RowAction.Create or RowAction.Update)
                {
                    await tx.CreateSavepointAsync("row", ct);
                    Result applied;
                    try
                    {
                        applied = await handler.ApplyAsync(db, context, row, ct);
                    }
                    catch (DbUpdateException ex)
                    {
                        applied = Result.Fail(new Error("save_failed", "The database refused the row: " + (ex.InnerException?.Message ?? ex.Message)));
                    }
                    if (applied.IsFailure)
                    {
                        await tx.RollbackToSavepointAsync("row", ct);
                        db.ChangeTracker.Clear();
                        row.Fail(applied.Errors, handler.Schema);
                    }
                    else
                    {
                        await tx.ReleaseSavepointAsync("row", ct);
                        // The row is saved: stop tracking it, so each later SaveChanges scans one row's entities,
                        // not the whole chunk's (that made a 10,000-row commit grow quadratically within each chunk).
                        db.ChangeTracker.Clear();
                    }
                }
                progress?.Report(new ImportProgress(++done, plan.Count));
            }
            await tx.CommitAsync(ct);
            await context.RunAfterCommitAsync(ct);
        }
    }

    /// <summary>Ledger kinds: each posting is its own transaction inside <see cref="Ledger.LedgerService"/> (locks, chain, idempotency).</summary>
    private async Task ApplyOneByOneAsync(ImportHandler handler, ImportContext context, IReadOnlyList<PlannedRow> plan, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var done = 0;
        foreach (var row in plan)
        {
            if (row.Action is RowAction.Create or RowAction.Update)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                var applied = await handler.ApplyAsync(db, context, row, ct);
                if (applied.IsFailure) row.Fail(applied.Errors, handler.Schema);
            }
            progress?.Report(new ImportProgress(++done, plan.Count));
        }
    }

    private async Task<long> RecordAsync(ImportKind kind, int? estateId, string fileName, byte[] bytes, string userId, DateTimeOffset startedAt, List<RowOutcome> rows,
        CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = new ImportRun
        {
            Kind = kind, EstateId = estateId, FileName = Path.GetFileName(fileName).Length > 260 ? Path.GetFileName(fileName)[..260] : Path.GetFileName(fileName),
            FileSize = bytes.LongLength, FileBytes = bytes, UserId = userId, StartedAt = startedAt, FinishedAt = clock.GetUtcNow(),
            Total = rows.Count, Created = rows.Count(r => r.Action == RowAction.Create), Updated = rows.Count(r => r.Action == RowAction.Update),
            Unchanged = rows.Count(r => r.Action == RowAction.Unchanged), Failed = rows.Count(r => r.Action == RowAction.Invalid),
            Errors = string.Join('\n', rows.SelectMany(r => r.Errors).Take(1000)),
        };
        db.ImportRuns.Add(run);
        await db.SaveChangesAsync(ct);
        return run.Id;
    }

    public async Task<IReadOnlyList<ImportHistoryRow>> HistoryAsync(UserScope scope, int take = 100, CancellationToken ct = default)
    {
        var allowed = ImportableEstates(scope);
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = db.ImportRuns.AsNoTracking();
        // Agents see the runs for their estates, and their own; admins see all.
        if (allowed is not null) q = q.Where(r => (r.EstateId != null && allowed.Contains(r.EstateId.Value)) || r.UserId == scope.UserId);
        var rows = await (from r in q
                          join u in db.Users on r.UserId equals u.Id
                          from e in db.Estates.Where(e => e.Id == r.EstateId).DefaultIfEmpty()
                          orderby r.Id descending
                          select new { r.Id, r.Kind, Estate = e == null ? null : e.Name, r.FileName, r.FileSize, User = u.DisplayName ?? u.Email, r.StartedAt, r.FinishedAt,
                              r.Total, r.Created, r.Updated, r.Unchanged, r.Failed, r.Errors }).Take(take).ToListAsync(ct);
        return rows.Select(r => new ImportHistoryRow(r.Id, r.Kind, r.Estate, r.FileName, r.FileSize, r.User ?? "", r.StartedAt, (r.FinishedAt - r.StartedAt).TotalSeconds,
            r.Total, r.Created, r.Updated, r.Unchanged, r.Failed, r.Errors)).ToList();
    }

    /// <summary>The original file of a run, if the user may see it.</summary>
    public async Task<(string FileName, byte[] Bytes)?> FileAsync(long runId, UserScope scope, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var run = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => new { r.EstateId, r.UserId, r.FileName }).FirstOrDefaultAsync(ct);
        if (run is null) return null;
        var allowed = ImportableEstates(scope);
        if (allowed is not null && run.UserId != scope.UserId && !(run.EstateId is int e && allowed.Contains(e))) return null;
        var bytes = await db.ImportRuns.AsNoTracking().Where(r => r.Id == runId).Select(r => r.FileBytes).FirstAsync(ct);
        return (run.FileName, bytes);
    }

    private static ImportReport Refused(ImportKind kind, string fileName, string message) =>
        new(kind, fileName, false, null, [new CellError(0, "", message)], [], 0);
}
