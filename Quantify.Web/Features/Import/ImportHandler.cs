using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Security;

namespace Quantify.Web.Features.Import;

public sealed record EstateRef(int Id, string Name, string TimeZone);

/// <summary>Who imports, into which estates, and when: resolved once per upload.</summary>
public sealed class ImportContext
{
    private ImportContext(IReadOnlyDictionary<string, EstateRef> estates, EstateRef? target, DateTimeOffset now)
    {
        EstatesByName = estates;
        Target = target;
        Now = now;
    }

    /// <summary>The estates this user may import into, by name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, EstateRef> EstatesByName { get; }
    /// <summary>The estate chosen for the upload (rows with a blank estate go there; rows naming another are refused).</summary>
    public EstateRef? Target { get; }
    public DateTimeOffset Now { get; }
    public DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);
    public IReadOnlyList<int> EstateIds => EstatesByName.Values.Select(e => e.Id).ToList();

    private readonly List<Func<CancellationToken, Task>> afterCommit = [];

    /// <summary>Work to do once the row's chunk has committed (e.g. send an invitation whose row must exist first).</summary>
    public void AfterCommit(Func<CancellationToken, Task> action) => afterCommit.Add(action);

    /// <summary>Runs and forgets the work queued since the last commit.</summary>
    public async Task RunAfterCommitAsync(CancellationToken ct)
    {
        var due = afterCommit.ToList();
        afterCommit.Clear();
        foreach (var action in due) await action(ct);
    }

    public static async Task<ImportContext> LoadAsync(QuantifyDbContext db, UserScope scope, int? estateId, TimeProvider clock, CancellationToken ct)
    {
        var allowed = ImportService.ImportableEstates(scope);
        var estates = await (from e in db.Estates.AsNoTracking()
                             where e.IsActive && (allowed == null || allowed.Contains(e.Id)) && (estateId == null || e.Id == estateId)
                             from s in db.EstateSettings.Where(s => s.EstateId == e.Id).DefaultIfEmpty()
                             select new EstateRef(e.Id, e.Name, s == null ? Defaults.TimeZone : s.TimeZone)).ToListAsync(ct);
        var byName = estates.GroupBy(e => e.Name.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        return new ImportContext(byName, estateId is int id ? estates.FirstOrDefault(e => e.Id == id) : null, clock.GetUtcNow());
    }

    /// <summary>The row's estate: its Estate cell, or the upload's estate when blank. Errors go on the Estate column.</summary>
    public EstateRef? ResolveEstate(PlannedRow row, bool required = true)
    {
        var name = row.Row.Text(ImportSchemas.Estate);
        if (name is null)
        {
            if (Target is not null) return Target;
            if (required) row.Error(ImportSchemas.Estate, "Required: name the estate (or choose one estate for the whole upload).");
            return null;
        }
        if (EstatesByName.TryGetValue(name, out var estate)) return estate;
        row.Error(ImportSchemas.Estate, Target is not null && !string.Equals(Target.Name, name, StringComparison.OrdinalIgnoreCase)
            ? $"This upload is for {Target.Name}; the row names '{name}'. Upload each estate's rows separately."
            : $"Unknown estate '{name}': no active estate of that name that you may import into.");
        return null;
    }
}

/// <summary>One row's plan: what to do, its natural key, the errors found, and the data the handler needs to apply it.</summary>
public sealed class PlannedRow(SheetRow row)
{
    private readonly List<CellError> errors = [.. row.Errors];

    public SheetRow Row { get; } = row;
    public RowAction Action { get; set; } = RowAction.Create;
    public string Key { get; set; } = "";
    public string Detail { get; set; } = "";
    public object? Data { get; set; }
    public IReadOnlyList<CellError> Errors => errors;
    public bool HasErrors => errors.Count > 0;

    public void Error(string column, string message) => errors.Add(new CellError(Row.Number, column, message));

    /// <summary>Domain errors, each shown on the column that holds its field.</summary>
    public void AddErrors(IEnumerable<Error> domainErrors, ImportSchema schema)
    {
        foreach (var e in domainErrors)
        {
            var column = schema.Columns.FirstOrDefault(c => c.Field is not null && string.Equals(c.Field, e.Field, StringComparison.OrdinalIgnoreCase))?.Header ?? "";
            // The sheet reader already said this cell is empty: the domain's "… is required" would say it twice.
            if (column != "" && errors.Any(x => x.Column == column) && e.Message.Contains("required", StringComparison.OrdinalIgnoreCase)) continue;
            Error(column, e.Message);
        }
    }

    /// <summary>The write failed: the row becomes invalid and nothing of it stays.</summary>
    public void Fail(IEnumerable<Error> domainErrors, ImportSchema schema)
    {
        AddErrors(domainErrors, schema);
        Action = RowAction.Invalid;
    }

    public RowOutcome ToOutcome() => new(Row.Number, errors.Count > 0 ? RowAction.Invalid : Action, Key, Detail, errors);
}

/// <summary>One import kind: plans rows against the database (no writes) and applies one planned row.</summary>
public abstract class ImportHandler
{
    public abstract ImportSchema Schema { get; }

    /// <summary>True when rows are postings: each goes through the ledger's own transaction.</summary>
    public virtual bool UsesLedger => false;

    public abstract Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct);

    /// <summary>Writes one row (Create or Update) and saves; the caller rolls it back whole if it fails.</summary>
    public abstract Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct);

    /// <summary>Marks rows whose natural key repeats an earlier row of the same file.</summary>
    protected static bool Duplicate<TKey>(Dictionary<TKey, int> seen, TKey key, PlannedRow row, string column, string what) where TKey : notnull
    {
        if (seen.TryGetValue(key, out var first))
        {
            row.Error(column, $"Duplicate {what} in this file: row {first} has it too.");
            return true;
        }
        seen[key] = row.Row.Number;
        return false;
    }

    protected static string Show(object? value) => value switch { null => "(blank)", decimal d => d.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture), _ => XlsxSheetReader.Format(value) };

    /// <summary>"Size m2 70 → 74.5; Floor 1 → 2" for the fields that differ.</summary>
    protected static string Changes(params (string Name, object? Old, object? New)[] fields) =>
        string.Join("; ", fields.Where(f => !Equals(Normal(f.Old), Normal(f.New))).Select(f => $"{f.Name} {Show(f.Old)} → {Show(f.New)}"));

    private static object? Normal(object? v) => v switch { string s when string.IsNullOrWhiteSpace(s) => null, string s => s.Trim(), decimal d => d / 1.000000000000000000000000000000000m, _ => v };
}
