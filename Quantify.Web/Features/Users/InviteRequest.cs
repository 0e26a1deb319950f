namespace Quantify.Web.Features.Users;

/// <summary>Who to invite, in which role, covering which estates (agents, trustees, utility staff) or units (owners, tenants, family members).</summary>
public sealed record InviteRequest(string Email, string DisplayName, string Role, IReadOnlyList<int> EstateIds, IReadOnlyList<int> UnitIds);
