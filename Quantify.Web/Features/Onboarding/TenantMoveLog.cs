using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;

namespace Quantify.Web.Features.Onboarding;

/// <summary>
/// Idempotency of moves: the key a move-in or move-out runs under, and the first answer (<see cref="TenantMove"/>) a
/// repeat with the same key gets back.
/// </summary>
public sealed class TenantMoveLog(IDbContextFactory<QuantifyDbContext> factory)
{
    public async Task<Result<T>?> ReplayAsync<T>(string key, TenantMoveKind kind, int unitId, CancellationToken ct) where T : class
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var move = await db.TenantMoves.AsNoTracking().FirstOrDefaultAsync(m => m.IdempotencyKey == key, ct);
        if (move is null) return null;
        if (move.Kind != kind || move.UnitId != unitId)
            return Result<T>.Fail(new Error("key_reused", $"Idempotency key '{key}' was already used for a {move.Kind.ToString().ToLowerInvariant()} of unit #{move.UnitId}; nothing was done.", "IdempotencyKey"));
        var first = JsonSerializer.Deserialize<T>(move.ResultJson, OnboardingService.Json)!;
        return Result<T>.Ok(first switch
        {
            OnboardTenantResult on => (T)(object)(on with { Replayed = true }),
            OffboardTenantResult off => (T)(object)(off with { Replayed = true }),
            _ => first,
        });
    }

    public static string Key(string? given, string fallback)
    {
        var key = string.IsNullOrWhiteSpace(given) ? fallback : given.Trim();
        return key.Length <= 200 ? key : "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }
}
