using Quantify.Domain.Metering;

namespace Quantify.Domain.Settlement;

/// <summary>
/// One utility's month, as read from the ledger and the meters: revenue excluding VAT, the VAT collected on it, the
/// bulk meter's consumption (null when there is no complete bulk reading) and the number of active units.
/// </summary>
public sealed record UtilityPeriodInput(Utility Utility, decimal Revenue, decimal Vat, decimal? BulkQuantity, int ActiveUnits);
