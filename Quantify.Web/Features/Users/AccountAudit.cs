using System.Globalization;
using System.Text.Json;
using Quantify.Web.Data;
using Quantify.Web.Data.Interceptors;

namespace Quantify.Web.Features.Users;

/// <summary>Audit entries for logins and invitations: who changed whose access, when, from where. Never a password, token or code.</summary>
public static class AccountAudit
{
    public const string LoginEntity = "Login";
    public const string InvitationEntity = "AccessInvitation";

    public static void Add(QuantifyDbContext db, string? actorUserId, DateTimeOffset at, string entityType, string entityId, string action, object changes)
    {
        var actor = UserContext.Actor;
        db.AuditEntries.Add(new AuditEntry
        {
            At = at,
            UserId = string.IsNullOrEmpty(actorUserId) ? null : actorUserId,
            IpAddress = actor?.IpAddress,
            EntityType = entityType,
            EntityId = entityId,
            Action = action,
            ChangesJson = JsonSerializer.Serialize(changes),
        });
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
