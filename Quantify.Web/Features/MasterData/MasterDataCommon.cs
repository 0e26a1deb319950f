using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;

namespace Quantify.Web.Features.MasterData;

public sealed record PageQuery(int Page = 0, int PageSize = 25, string? Search = null, bool IncludeArchived = false, int? EstateId = null);

public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

public static class MasterDataErrors
{
    /// <summary>True when a save failed on a unique index (the race after our own pre-check).</summary>
    public static bool IsUniqueViolation(DbUpdateException ex) => ex.InnerException switch
    {
        SqliteException s => s.SqliteErrorCode == 19 && s.Message.Contains("UNIQUE", StringComparison.Ordinal),
        Microsoft.Data.SqlClient.SqlException s => s.Number is 2601 or 2627,
        _ => false,
    };

    public static async Task<Result> SaveAsync(DbContext db, Func<Error> onDuplicate, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result.Ok();
        }
        catch (DbUpdateException ex) when (IsUniqueViolation(ex))
        {
            return Result.Fail(onDuplicate());
        }
    }

    public static Result<T> Map<T>(Result r, T value) => r.IsSuccess ? Result<T>.Ok(value) : Result<T>.Fail(r.Errors);

    public static Error NotFound(string what, int id) => new("not_found", $"{what} #{id} does not exist.");
}
