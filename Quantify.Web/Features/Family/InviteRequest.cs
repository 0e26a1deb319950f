using Quantify.Domain.Family;

namespace Quantify.Web.Features.Family;

/// <summary>A Manage holder's invitation of a family member to a unit's wallet.</summary>
public sealed record InviteRequest(string Email, string FirstName, string LastName, WalletAccessLevel Level, decimal? CapPerTopUp = null, decimal? CapPerMonth = null);
