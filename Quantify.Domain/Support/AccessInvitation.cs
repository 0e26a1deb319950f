namespace Quantify.Domain.Support;

/// <summary>
/// An invitation to a portal login in a role, with the estates or units it covers (seed 004 §1.8). Unlike the tenant
/// <see cref="Invitation"/> raised by onboarding it needs no person record (admins, agents and utility staff have none).
/// Only the SHA-256 of its one-time token is stored. Accepting it sets the password and creates, or extends, the
/// login of that email address: an address never gets a second login.
/// </summary>
public sealed class AccessInvitation
{
    private readonly List<int> estateIds = [];
    private readonly List<int> unitIds = [];

    private AccessInvitation() { }

    public AccessInvitation(string email, string displayName, string role, IEnumerable<int> estates, IEnumerable<int> units, string tokenHash,
        DateTimeOffset createdAt, TimeSpan lifetime, string? createdById)
    {
        Email = email.Trim().ToLowerInvariant();
        DisplayName = displayName.Trim();
        Role = role;
        estateIds.AddRange(estates.Distinct().Order());
        unitIds.AddRange(units.Distinct().Order());
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = createdAt + lifetime;
        CreatedById = createdById;
    }

    public int Id { get; private set; }
    public string Email { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public string Role { get; private set; } = "";
    public IReadOnlyList<int> EstateIds => estateIds;
    public IReadOnlyList<int> UnitIds => unitIds;
    public string TokenHash { get; private set; } = "";
    public InvitationStatus Status { get; private set; } = InvitationStatus.Pending;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? CreatedById { get; private set; }
    /// <summary>The login it created or extended, once accepted.</summary>
    public string? UserId { get; private set; }
    public int SendCount { get; private set; } = 1;

    public bool IsUsable(DateTimeOffset now) => Status == InvitationStatus.Pending && ExpiresAt > now;

    /// <summary>Why the link cannot be used any more, in words that say how to get a new one (null when it can).</summary>
    public string? Problem(DateTimeOffset now) => Status switch
    {
        InvitationStatus.Accepted => "This link was already used. Sign in with the password you chose, or use \"Forgot password\" on the sign-in page.",
        InvitationStatus.Revoked => "This invitation was withdrawn or replaced by a newer one. Use the latest email, or ask whoever invited you to send it again.",
        _ when Status == InvitationStatus.Expired || ExpiresAt <= now =>
            "This link has expired. Ask whoever invited you (an administrator or your managing agent) to resend the invitation.",
        _ => null,
    };

    public void Accept(string userId, DateTimeOffset at)
    {
        if (Status != InvitationStatus.Pending) throw new Common.DomainException($"Invitation {Id} is {Status}, not pending.");
        Status = InvitationStatus.Accepted;
        AcceptedAt = at;
        UserId = userId;
    }

    public void Revoke()
    {
        if (Status == InvitationStatus.Pending) Status = InvitationStatus.Revoked;
    }

    /// <summary>A new token and a new lifetime (the old link stops working).</summary>
    public void Reissue(string tokenHash, DateTimeOffset at, TimeSpan lifetime)
    {
        if (Status != InvitationStatus.Pending) throw new Common.DomainException($"Invitation {Id} is {Status}: invite again instead.");
        TokenHash = tokenHash;
        ExpiresAt = at + lifetime;
        SendCount++;
    }
}
