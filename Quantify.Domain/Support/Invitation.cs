namespace Quantify.Domain.Support;

public enum InvitationStatus { Pending, Accepted, Revoked, Expired }

/// <summary>An invitation for a person to create a portal login. Dependent on its person; the unit is optional.</summary>
public sealed class Invitation
{
    private Invitation() { }

    public Invitation(int personId, int? unitId, string email, string role, string tokenHash, DateTimeOffset createdAt, DateTimeOffset expiresAt, string? createdById)
    {
        PersonId = personId;
        UnitId = unitId;
        Email = email;
        Role = role;
        TokenHash = tokenHash;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
        CreatedById = createdById;
    }

    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public int? UnitId { get; private set; }
    public string Email { get; private set; } = "";
    public string Role { get; private set; } = "";
    public string TokenHash { get; private set; } = "";
    public InvitationStatus Status { get; private set; } = InvitationStatus.Pending;
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? CreatedById { get; private set; }

    public void Accept(DateTimeOffset at)
    {
        Status = InvitationStatus.Accepted;
        AcceptedAt = at;
    }

    public void Revoke() => Status = InvitationStatus.Revoked;
}
