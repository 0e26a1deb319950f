using Quantify.Domain.Common;

namespace Quantify.Domain.Metering;

/// <summary>
/// A relay an admin switched by hand and that stays so until an admin releases it: credit control neither switches a
/// held relay nor cancels the command that set it. Who placed it, when and why, and who released it, are kept (and
/// audited with old and new values). Audit data: never deleted.
/// </summary>
public sealed class RelayHold : IAuditable
{
    private RelayHold() { }

    public long Id { get; private set; }
    public int MeterId { get; private set; }
    /// <summary>The state the relay is held in: <see cref="CommandKind.RelayOff"/> (open, no supply) or <see cref="CommandKind.RelayOn"/>.</summary>
    public CommandKind Kind { get; private set; }
    public string Reason { get; private set; } = "";
    /// <summary>The manual command that set the relay.</summary>
    public long? CommandId { get; private set; }
    public string? HeldById { get; private set; }
    public DateTimeOffset HeldAt { get; private set; }
    public string? ReleasedById { get; private set; }
    public DateTimeOffset? ReleasedAt { get; private set; }
    public string? ReleaseReason { get; private set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedById { get; set; }

    public bool IsActive => ReleasedAt is null;

    public static Result<RelayHold> Place(int meterId, CommandKind kind, string? reason, string? heldById, DateTimeOffset at)
    {
        var v = new Validator();
        v.AddIf(string.IsNullOrWhiteSpace(reason), "required", "Say why the relay is held.", nameof(Reason));
        v.AddIf(reason?.Trim().Length > 500, "too_long", "The reason is longer than 500 characters.", nameof(Reason));
        v.AddIf(kind is not (CommandKind.RelayOff or CommandKind.RelayOn), "invalid", "Only a relay state can be held.", nameof(Kind));
        return v.IsValid
            ? Result<RelayHold>.Ok(new RelayHold { MeterId = meterId, Kind = kind, Reason = reason!.Trim(), HeldById = heldById, HeldAt = at })
            : Result<RelayHold>.Fail(v.Errors);
    }

    /// <summary>Links the hold to the manual command that set the relay (once the command has its id).</summary>
    public void SetBy(long commandId) => CommandId ??= commandId;

    public Result Release(string? releasedById, DateTimeOffset at, string? why)
    {
        if (!IsActive) return Result.Fail(new Error("already_released", "This hold was already released."));
        if (string.IsNullOrWhiteSpace(why)) return Result.Fail(new Error("required", "Say why the hold is released.", nameof(ReleaseReason)));
        if (why.Trim().Length > 500) return Result.Fail(new Error("too_long", "The reason is longer than 500 characters.", nameof(ReleaseReason)));
        ReleasedById = releasedById;
        ReleasedAt = at;
        ReleaseReason = why.Trim();
        return Result.Ok();
    }
}
