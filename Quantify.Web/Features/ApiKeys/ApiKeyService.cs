using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Web.Data;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Web.Features.ApiKeys;

public sealed record NewApiKey(string Name, IReadOnlyCollection<string> Permissions, IReadOnlyCollection<int> EstateIds, DateTimeOffset ExpiresAt);

/// <summary>A key just created: <see cref="Key"/> is the only time the full key exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(int Id, string Key);

public sealed record ApiKeyRow(int Id, string Name, string Prefix, string OwnerId, string OwnerName, IReadOnlyList<string> Permissions,
    IReadOnlyList<string> Estates, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt)
{
    public string Status(DateTimeOffset now) => RevokedAt is not null ? "Revoked" : ExpiresAt <= now ? "Expired" : "Active";
}

/// <summary>Who a presented key belongs to, or why it was refused.</summary>
public sealed record ApiKeyCheck(ApiKey? Key, ApplicationUser? Owner, string? Failure)
{
    public bool IsValid => Failure is null;
}

/// <summary>
/// Creates, lists, revokes and checks API keys. Keys belong to managing agents and admins; an agent manages only their
/// own keys, an admin all of them. A key can be narrowed to some of its owner's estates, never widened.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<QuantifyDbContext> factory, TimeProvider clock)
{
    public const string KeyPrefix = "qk_";
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(730);
    /// <summary>Last-used is written at most this often per key (not on every request).</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public static readonly string[] OwnerRoles = [Roles.Admin, Roles.ManagingAgent];

    public static bool MayOwnKeys(UserScope scope) => scope.IsAdmin || scope.IsInRole(Roles.ManagingAgent);

    /// <summary>The estates a key of this owner may be narrowed to (admins: every estate).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> EstatesForAsync(UserScope owner, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var agent = owner.EstatesFor(Roles.ManagingAgent) ?? new HashSet<int>();
        var rows = await db.Estates.AsNoTracking().Where(e => e.IsActive).OrderBy(e => e.Name).Select(e => new { e.Id, e.Name }).ToListAsync(ct);
        return rows.Where(e => owner.IsAdmin || agent.Contains(e.Id)).Select(e => (e.Id, e.Name)).ToList();
    }

    public async Task<Result<CreatedApiKey>> CreateAsync(UserScope owner, NewApiKey request, CancellationToken ct = default)
    {
        var errors = new List<Error>();
        if (!MayOwnKeys(owner)) errors.Add(new Error("not_allowed", "Only managing agents and admins may create API keys."));
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add(new Error("name_required", "Give the key a name (what or who uses it).", "Name"));
        else if (name.Length > 100) errors.Add(new Error("name_too_long", $"The name may be at most 100 characters; it has {name.Length}.", "Name"));
        var permissions = request.Permissions.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (permissions.Count == 0) errors.Add(new Error("no_permissions", "Grant the key at least one permission.", "Permissions"));
        foreach (var unknown in permissions.Where(p => !ApiPermissions.All.ContainsKey(p)))
            errors.Add(new Error("unknown_permission", $"'{unknown}' is not a permission; use one of {string.Join(", ", ApiPermissions.All.Keys)}.", "Permissions"));
        var now = clock.GetUtcNow();
        if (request.ExpiresAt <= now) errors.Add(new Error("expiry_past", "The expiry must be in the future.", "ExpiresAt"));
        else if (request.ExpiresAt > now + MaxLifetime) errors.Add(new Error("expiry_too_far", $"A key may live at most {MaxLifetime.TotalDays:0} days; pick an earlier expiry.", "ExpiresAt"));
        var allowed = (await EstatesForAsync(owner, ct)).Select(e => e.Id).ToHashSet();
        foreach (var estate in request.EstateIds.Distinct().Where(e => !allowed.Contains(e)))
            errors.Add(new Error("estate_out_of_scope", $"Estate #{estate} is not one of your estates; a key can only be narrowed to estates you manage.", "EstateIds"));
        if (errors.Count > 0) return Result<CreatedApiKey>.Fail(errors);

        var prefix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var key = new ApiKey
        {
            Name = name,
            Prefix = prefix,
            SecretHash = Hash(secret),
            OwnerId = owner.UserId,
            Permissions = string.Join(' ', permissions),
            CreatedAt = now,
            CreatedById = owner.UserId,
            ExpiresAt = request.ExpiresAt,
            Estates = request.EstateIds.Distinct().Select(e => new ApiKeyEstate { EstateId = e }).ToList(),
        };
        await using var db = await factory.CreateDbContextAsync(ct);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return Result<CreatedApiKey>.Ok(new CreatedApiKey(key.Id, $"{KeyPrefix}{prefix}_{secret}"));
    }

    /// <summary>An agent's own keys; an admin's view is every key.</summary>
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(UserScope viewer, CancellationToken ct = default)
    {
        if (!MayOwnKeys(viewer)) return [];
        await using var db = await factory.CreateDbContextAsync(ct);
        var keys = await db.ApiKeys.AsNoTracking().Include(k => k.Estates)
            .Where(k => viewer.IsAdmin || k.OwnerId == viewer.UserId).OrderByDescending(k => k.CreatedAt).ToListAsync(ct);
        var ownerIds = keys.Select(k => k.OwnerId).Distinct().ToList();
        var owners = await db.Users.AsNoTracking().Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName.Length > 0 ? u.DisplayName : u.Email ?? u.Id, ct);
        var estateIds = keys.SelectMany(k => k.Estates).Select(e => e.EstateId).Distinct().ToList();
        var estates = await db.Estates.AsNoTracking().Where(e => estateIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.Name, ct);
        return keys.Select(k => new ApiKeyRow(k.Id, k.Name, k.Prefix, k.OwnerId, owners.GetValueOrDefault(k.OwnerId, k.OwnerId), k.PermissionSet.Order(StringComparer.Ordinal).ToList(),
            k.Estates.Select(e => estates.GetValueOrDefault(e.EstateId, $"#{e.EstateId}")).Order(StringComparer.Ordinal).ToList(),
            k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt)).ToList();
    }

    public async Task<Result> RevokeAsync(UserScope actor, int keyId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null || !MayOwnKeys(actor) || (!actor.IsAdmin && key.OwnerId != actor.UserId))
            return Result.Fail(new Error("not_found", $"API key #{keyId} does not exist or is not yours."));
        if (key.RevokedAt is not null) return Result.Fail(new Error("already_revoked", $"API key '{key.Name}' was already revoked on {key.RevokedAt:yyyy-MM-dd HH:mm} UTC."));
        key.RevokedAt = clock.GetUtcNow();
        key.RevokedById = actor.UserId;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    /// <summary>Checks a presented key: known, secret matches, not revoked, not expired, owner still active.</summary>
    public async Task<ApiKeyCheck> CheckAsync(string presented, CancellationToken ct = default)
    {
        if (!TryParse(presented, out var prefix, out var secret))
            return new ApiKeyCheck(null, null, "The X-Api-Key header is not a Quantify API key (expected qk_<prefix>_<secret>).");
        await using var db = await factory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Include(k => k.Estates).FirstOrDefaultAsync(k => k.Prefix == prefix, ct);
        if (key is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.SecretHash), Encoding.ASCII.GetBytes(Hash(secret))))
            return new ApiKeyCheck(null, null, "Unknown API key.");
        var now = clock.GetUtcNow();
        if (key.RevokedAt is not null) return new ApiKeyCheck(key, null, $"This API key was revoked on {key.RevokedAt:yyyy-MM-dd HH:mm} UTC.");
        if (key.IsExpired(now)) return new ApiKeyCheck(key, null, $"This API key expired on {key.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
        var owner = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == key.OwnerId, ct);
        if (owner is null || !owner.IsActive) return new ApiKeyCheck(key, owner, "The owner of this API key has been deactivated.");
        if (key.LastUsedAt is null || now - key.LastUsedAt >= LastUsedResolution)
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        return new ApiKeyCheck(key, owner, null);
    }

    public static bool TryParse(string presented, out string prefix, out string secret)
    {
        prefix = secret = "";
        var value = presented.Trim();
        if (!value.StartsWith(KeyPrefix, StringComparison.Ordinal)) return false;
        var parts = value[KeyPrefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 12 || parts[1].Length < 20) return false;
        prefix = parts[0];
        secret = parts[1];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
