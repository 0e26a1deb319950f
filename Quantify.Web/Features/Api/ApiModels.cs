namespace Quantify.Web.Features.Api;

/// <summary>One page of a list: <c>page</c> is 1-based, <c>totalCount</c> counts every match (so pages = ceil(totalCount / pageSize)).</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount);

/// <summary>The paging arguments every list takes: <c>page</c> from 1, <c>pageSize</c> 1..500 (default 50).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public int Skip => (Page - 1) * PageSize;

    public static string? Validate(int? page, int? pageSize, out Paging paging)
    {
        paging = new Paging(page ?? 1, pageSize ?? DefaultPageSize);
        if (paging.Page < 1) return $"page must be 1 or more; it was {paging.Page}.";
        if (paging.PageSize is < 1 or > MaxPageSize) return $"pageSize must be from 1 to {MaxPageSize}; it was {paging.PageSize}.";
        return null;
    }
}

public sealed record EstateDto(int Id, string Name, string Kind, string? Address, string? City, string? Province, string? PostalCode, string Country, bool IsActive);

public sealed record UnitDto(int Id, int EstateId, string UnitNumber, string? Building, string? Floor, string Occupancy, string PaymentReference, bool IsActive);

public sealed record OccupancyDto(int UnitId, string Role, DateOnly StartDate, DateOnly? EndDate);

public sealed record PersonDto(int Id, string FirstName, string LastName, string? Email, string? Phone, bool IsActive, IReadOnlyList<OccupancyDto> Occupancies);

public sealed record MeterDto(int Id, int EstateId, int? UnitId, string SerialNumber, string Type, string UnitOfMeasure, string Comms, string? DeviceEui,
    bool IsActive, bool IsPrepaid, string CommsStatus, bool RelayClosed, decimal? LastReading, DateTimeOffset? LastReadingAt, DateTimeOffset? LastSeenAt, int? BatteryPercent);

/// <summary>A pocket's balance in ZAR (positive = credit); the pocket is suspended when credit control cut it off.</summary>
public sealed record PocketDto(string Pocket, decimal Balance, decimal CreditLimit, decimal LowBalanceThreshold, bool IsSuspended);

public sealed record WalletDto(int Id, int UnitId, int EstateId, string UnitNumber, decimal TotalBalance, IReadOnlyList<PocketDto> Pockets);

/// <summary>A wallet line of a ledger transaction: positive credits the pocket (top-up), negative debits it (consumption).</summary>
public sealed record TransactionLineDto(int WalletId, int UnitId, string Pocket, decimal Amount);

public sealed record TransactionDto(long Id, string Number, string Type, DateOnly ValueDate, DateTimeOffset PostedAt, string Description, long? ReversesId,
    IReadOnlyList<TransactionLineDto> Lines);

public sealed record ReadingDto(long Id, int MeterId, DateTimeOffset ReadAt, DateTimeOffset ReceivedAt, decimal Register, decimal? Consumption, string Status,
    decimal? Amount, string Source);
