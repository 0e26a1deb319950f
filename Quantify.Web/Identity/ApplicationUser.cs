using Microsoft.AspNetCore.Identity;

namespace Quantify.Web.Identity;

/// <summary>A portal login. Deactivated, never deleted, so every CreatedBy/UpdatedBy stays valid (seed 000 §2.4).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public int? PersonId { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastLoginAt { get; set; }
    public DateTimeOffset? DeactivatedAt { get; set; }
    /// <summary>Also send balance and supply notices by email (the in-app inbox always has them).</summary>
    public bool NotifyByEmail { get; set; } = true;
    /// <summary>Also send them by SMS (to the phone number on the login).</summary>
    public bool NotifyBySms { get; set; }
    /// <summary>Also send them as a web push notification (through <c>IPushSender</c>) to the browsers the user allowed.</summary>
    public bool NotifyByPush { get; set; }
}

/// <summary>Assigns an agent, trustee or utility user to an estate they may work on.</summary>
public sealed class EstateAssignment
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public int EstateId { get; set; }
    public string Role { get; set; } = "";
    public DateTimeOffset AssignedAt { get; set; }
}

public static class Roles
{
    public const string Admin = "Admin";
    public const string Tenant = "Tenant";
    public const string Owner = "Owner";
    public const string FamilyMember = "FamilyMember";
    public const string Trustee = "Trustee";
    public const string ManagingAgent = "ManagingAgent";
    public const string Utility = "Utility";

    public static readonly string[] All = [Admin, Tenant, Owner, FamilyMember, Trustee, ManagingAgent, Utility];

    /// <summary>Roles whose scope is a set of estates (through <see cref="EstateAssignment"/>).</summary>
    public static readonly string[] EstateScoped = [Trustee, ManagingAgent, Utility];

    /// <summary>The landing area of each role.</summary>
    public static string AreaOf(string role) => role switch
    {
        Admin => "/admin",
        Tenant => "/tenant",
        Owner => "/owner",
        FamilyMember => "/family",
        Trustee => "/body-corporate",
        ManagingAgent => "/agent",
        Utility => "/utility",
        _ => "/",
    };
}
