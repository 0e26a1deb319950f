namespace Quantify.Web.Features.ApiKeys;

/// <summary>
/// A key for the public API (<c>X-Api-Key</c>). The full key is <c>qk_{Prefix}_{secret}</c>; only the prefix (to find
/// the row) and the SHA-256 of the secret are stored, so the key is shown once at creation and never again.
/// Keys are revoked, never deleted, so the audit trail keeps pointing at them.
/// </summary>
public sealed class ApiKey
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    /// <summary>Public part of the key (lookup), 12 lower-case hex characters.</summary>
    public string Prefix { get; set; } = "";
    /// <summary>Hex SHA-256 of the secret part.</summary>
    public string SecretHash { get; set; } = "";
    public string OwnerId { get; set; } = "";
    /// <summary>Granted permissions, space-separated (see <see cref="ApiPermissions"/>).</summary>
    public string Permissions { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedById { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedById { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    /// <summary>Estates the key is narrowed to; empty means every estate its owner may see.</summary>
    public List<ApiKeyEstate> Estates { get; set; } = [];

    public IReadOnlySet<string> PermissionSet => Permissions.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt <= now;
}

/// <summary>One estate an API key is narrowed to.</summary>
public sealed class ApiKeyEstate
{
    public int ApiKeyId { get; set; }
    public int EstateId { get; set; }
}

/// <summary>The permissions a key can be granted. Cookie (portal) callers have every read permission their role allows.</summary>
public static class ApiPermissions
{
    public const string ReadEstates = "read:estates";
    public const string ReadUnits = "read:units";
    public const string ReadPersons = "read:persons";
    public const string ReadMeters = "read:meters";
    public const string ReadWallets = "read:wallets";
    public const string ReadTransactions = "read:transactions";
    public const string ReadReadings = "read:readings";
    public const string ReadReports = "read:reports";
    public const string WriteOnboarding = "write:onboarding";
    public const string WriteTopUps = "write:topups";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ReadEstates] = "List estates",
        [ReadUnits] = "List units",
        [ReadPersons] = "List people (owners, tenants, family members)",
        [ReadMeters] = "List meters and their live state",
        [ReadWallets] = "Wallet balances per pocket",
        [ReadTransactions] = "Ledger transactions of wallets",
        [ReadReadings] = "Meter readings",
        [ReadReports] = "Reports (arrears, statements)",
        [WriteOnboarding] = "Onboard and offboard tenants",
        [WriteTopUps] = "Start wallet-group top-ups (PayFast)",
    };
}
