using Quantify.Domain.Common;

namespace Quantify.Domain.Family;

/// <summary>
/// A person's access to one unit's wallet (seed 004 §4.2, §4.5): a level, and for <see cref="WalletAccessLevel.TopUp"/>
/// the most they may pay in per top-up and per calendar month. Revoked, never deleted: the history shows who granted,
/// changed and revoked it (versioned, stamped with the acting user).
/// </summary>
public sealed class WalletAccessGrant : AuditableEntity
{
    public const decimal MaximumCap = 1_000_000m;

    private WalletAccessGrant() { }

    public int UnitId { get; private set; }
    public int PersonId { get; private set; }
    public WalletAccessLevel Level { get; private set; }
    /// <summary>Most one top-up may be (TopUp grants; null = no cap).</summary>
    public decimal? CapPerTopUp { get; private set; }
    /// <summary>Most the person may pay in per calendar month (TopUp grants; null = no cap).</summary>
    public decimal? CapPerMonth { get; private set; }
    public DateTimeOffset GrantedAt { get; private set; }
    public string? GrantedById { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedById { get; private set; }
    /// <summary>The family-member tenancy this grant replaced (data migration), if any.</summary>
    public int? MigratedFromTenancyId { get; private set; }

    public bool IsActive => RevokedAt is null;

    public bool AllowsTopUp => IsActive && Level >= WalletAccessLevel.TopUp;

    public bool AllowsManage => IsActive && Level == WalletAccessLevel.Manage;

    public static Result<WalletAccessGrant> Create(int unitId, int personId, WalletAccessLevel level, decimal? capPerTopUp, decimal? capPerMonth,
        DateTimeOffset at, string? byUserId, int? migratedFromTenancyId = null)
    {
        var v = Validate(level, capPerTopUp, capPerMonth);
        return v.IsValid
            ? Result<WalletAccessGrant>.Ok(new WalletAccessGrant
            {
                UnitId = unitId, PersonId = personId, Level = level, CapPerTopUp = capPerTopUp, CapPerMonth = capPerMonth,
                GrantedAt = at, GrantedById = byUserId, MigratedFromTenancyId = migratedFromTenancyId,
            })
            : Result<WalletAccessGrant>.Fail(v.Errors);
    }

    /// <summary>Changes the level and caps (a Manage holder's act); a revoked grant cannot be changed.</summary>
    public Result Change(WalletAccessLevel level, decimal? capPerTopUp, decimal? capPerMonth)
    {
        if (!IsActive) return Result.Fail(new Error("revoked", "This access was revoked; invite the person again instead.", nameof(Level)));
        var v = Validate(level, capPerTopUp, capPerMonth);
        if (!v.IsValid) return v.ToResult();
        Level = level;
        CapPerTopUp = capPerTopUp;
        CapPerMonth = capPerMonth;
        return Result.Ok();
    }

    public Result Revoke(DateTimeOffset at, string? byUserId)
    {
        if (!IsActive) return Result.Fail(new Error("revoked", "This access is already revoked.", nameof(RevokedAt)));
        RevokedAt = at;
        RevokedById = byUserId;
        return Result.Ok();
    }

    private static Validator Validate(WalletAccessLevel level, decimal? capPerTopUp, decimal? capPerMonth)
    {
        var v = new Validator()
            .Range(capPerTopUp, 0m, MaximumCap, nameof(CapPerTopUp), "Cap per top-up")
            .Range(capPerMonth, 0m, MaximumCap, nameof(CapPerMonth), "Cap per month");
        if (level != WalletAccessLevel.TopUp)
        {
            var why = level == WalletAccessLevel.View ? "a View grant cannot pay in at all" : "a Manage holder pays in without caps";
            v.AddIf(capPerTopUp is not null, "cap_not_topup", $"Only a TopUp grant has caps: {why}.", nameof(CapPerTopUp));
            v.AddIf(capPerMonth is not null, "cap_not_topup", $"Only a TopUp grant has caps: {why}.", nameof(CapPerMonth));
        }
        return v;
    }
}
