using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Ledger;
using Quantify.Web.Data;
using Quantify.Web.Features.Ledger;

namespace Quantify.Web.Features.Import;

/// <summary>
/// Rows that move money: each becomes one posting through <see cref="LedgerService"/>, with an idempotency key made
/// of the import kind and the row's natural key, so uploading the same row again replays instead of posting twice.
/// </summary>
public abstract class LedgerRowsImport(LedgerService ledger) : ImportHandler
{
    protected sealed record Posting(int UnitId, string UnitNumber, Pocket Pocket, decimal Amount, DateOnly ValueDate, string Key, TransactionType Type, AccountCode CounterAccount,
        string Description);

    public override bool UsesLedger => true;

    /// <summary>The kind's own checks and the posting a valid row makes (null when the row has errors).</summary>
    protected abstract Posting? Read(PlannedRow row, EstateRef estate, int unitId, string unitNumber, Pocket pocket, decimal amount, DateOnly date, Dictionary<string, int> seen);

    public override async Task<IReadOnlyList<PlannedRow>> PlanAsync(QuantifyDbContext db, ImportContext context, IReadOnlyList<SheetRow> rows, CancellationToken ct)
    {
        var estateIds = context.EstateIds;
        var units = (await db.Units.AsNoTracking().Where(u => estateIds.Contains(u.EstateId)).Select(u => new { u.Id, u.EstateId, u.UnitNumber, u.IsActive }).ToListAsync(ct))
            .ToDictionary(u => (u.EstateId, u.UnitNumber));
        var wallets = await db.Wallets.AsNoTracking().Select(w => new { w.Id, w.UnitId }).ToDictionaryAsync(w => w.UnitId, w => w.Id, ct);
        var seen = new Dictionary<string, int>();
        var plan = new List<PlannedRow>(rows.Count);
        var postings = new List<(PlannedRow Row, Posting Posting)>();
        foreach (var r in rows)
        {
            var row = new PlannedRow(r);
            plan.Add(row);
            var estate = context.ResolveEstate(row);
            var unitNumber = r.Text(ImportSchemas.UnitNumber);
            var pocket = Enum.TryParse<Pocket>(r.Text("Pocket"), out var pk) ? pk : Pocket.Unallocated;
            var amount = r.Dec("Amount");
            var date = r.Date(Schema.Columns.Any(c => c.Header == "Balance date") ? "Balance date" : "Date");
            row.Key = $"{estate?.Name} / {unitNumber} / {pocket}";
            int unitId = 0;
            if (estate is not null && unitNumber is not null)
            {
                if (!units.TryGetValue((estate.Id, unitNumber), out var unit)) row.Error(ImportSchemas.UnitNumber, $"Unknown unit '{unitNumber}' in {estate.Name}.");
                else if (!unit.IsActive) row.Error(ImportSchemas.UnitNumber, $"Unit {unitNumber} in {estate.Name} is archived.");
                else unitId = unit.Id;
            }
            if (amount == 0) row.Error("Amount", "An amount of R 0.00 moves nothing: leave the row out.");
            if (estate is null || unitId == 0 || amount is null || date is null || row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            var posting = Read(row, estate, unitId, unitNumber!, pocket, amount.Value, date.Value, seen);
            if (posting is null || row.HasErrors) { row.Action = RowAction.Invalid; continue; }
            row.Data = posting;
            row.Action = RowAction.Create;
            row.Detail = $"{posting.Type} {Money.Format(posting.Amount)} to {pocket}";
            if (wallets.ContainsKey(unitId)) postings.Add((row, posting));
        }
        // Rows already posted (same key): unchanged when the content is the same, refused when it differs.
        var keys = postings.Select(p => p.Posting.Key).ToList();
        var existing = (await db.LedgerTransactions.AsNoTracking().Where(t => keys.Contains(t.IdempotencyKey)).Select(t => new { t.IdempotencyKey, t.Number, t.ContentHash })
            .ToListAsync(ct)).ToDictionary(t => t.IdempotencyKey);
        foreach (var (row, posting) in postings)
        {
            if (!existing.TryGetValue(posting.Key, out var done)) continue;
            if (done.ContentHash == LedgerService.ContentHash(Request(posting, wallets[posting.UnitId])))
            {
                row.Action = RowAction.Unchanged;
                row.Detail = $"Already posted as {done.Number}";
            }
            else
            {
                row.Error("Amount", $"This row was already posted as {done.Number} with a different amount, pocket or date: postings are never changed (add an adjustment row with a new reference instead).");
                row.Action = RowAction.Invalid;
            }
        }
        return plan;
    }

    protected static PostingRequest Request(Posting p, int walletId) =>
        Postings.Imported(p.Key, p.Type, p.ValueDate, p.Description, walletId, p.Pocket, p.Amount, p.CounterAccount);

    public override async Task<Result> ApplyAsync(QuantifyDbContext db, ImportContext context, PlannedRow row, CancellationToken ct)
    {
        var p = (Posting)row.Data!;
        var walletId = await LedgerService.EnsureWalletInAsync(db, p.UnitId, ct);
        await db.SaveChangesAsync(ct);
        var posted = await ledger.PostAsync(Request(p, walletId), ct);
        if (posted.IsFailure) return posted;
        if (posted.Value.Replayed) { row.Action = RowAction.Unchanged; row.Detail = $"Already posted as {posted.Value.Number}"; }
        else row.Detail += $" ({posted.Value.Number})";
        return Result.Ok();
    }
}

/// <summary>Opening balances: once per unit and pocket (key <c>import:opening-balance:{unit}:{pocket}</c>), against the opening-balances account.</summary>
public sealed class OpeningBalancesImport(LedgerService ledger) : LedgerRowsImport(ledger)
{
    public override ImportSchema Schema => ImportSchemas.OpeningBalances;

    protected override Posting? Read(PlannedRow row, EstateRef estate, int unitId, string unitNumber, Pocket pocket, decimal amount, DateOnly date, Dictionary<string, int> seen)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"import:opening-balance:{unitId}:{pocket.ToString().ToLowerInvariant()}");
        if (Duplicate(seen, key, row, "Pocket", $"opening balance for {unitNumber} {pocket}")) return null;
        return new Posting(unitId, unitNumber, pocket, amount, date, key, amount > 0 ? TransactionType.TopUp : TransactionType.Adjustment, AccountCode.OpeningBalances,
            $"Opening balance {pocket} (import)");
    }
}

/// <summary>Bulk top-ups (money in the estate's trust bank account) and adjustments (corrections), keyed by estate + reference (<c>import:top-up:{estate}:{reference}</c>).</summary>
public sealed class TopUpsImport(LedgerService ledger) : LedgerRowsImport(ledger)
{
    public override ImportSchema Schema => ImportSchemas.TopUps;

    protected override Posting? Read(PlannedRow row, EstateRef estate, int unitId, string unitNumber, Pocket pocket, decimal amount, DateOnly date, Dictionary<string, int> seen)
    {
        var reference = row.Row.Text("Reference")!;
        var topUp = row.Row.Text("Type") != "Adjustment";
        if (topUp && amount < 0) row.Error("Amount", "A top-up is money received: the amount must be positive (use Type = Adjustment to take money off).");
        if (reference.Length > 60) row.Error("Reference", "At most 60 characters.");
        row.Key = $"{estate.Name} / {reference}";
        var key = string.Create(CultureInfo.InvariantCulture, $"import:top-up:{estate.Id}:{reference.ToUpperInvariant()}");
        if (Duplicate(seen, key, row, "Reference", $"reference '{reference}'") || row.HasErrors) return null;
        var description = row.Row.Text("Description") ?? (topUp ? $"Bulk top-up {reference}" : $"Adjustment {reference}");
        return new Posting(unitId, unitNumber, pocket, amount, date, key, topUp ? TransactionType.TopUp : TransactionType.Adjustment,
            topUp ? AccountCode.TrustBank(estate.Id) : AccountCode.Adjustments, description.Length > 200 ? description[..200] : description);
    }
}
