using System.Globalization;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;

namespace Quantify.Web.Features.Settlement;

/// <summary>
/// The "add a rule version" form's state: what the admin typed, turned into a <see cref="SettlementRuleVersion"/> by the
/// domain's own validation, so every refusal names the field it is about (<c>EffectiveFrom</c>, <c>Shares[1].Rate</c>, ...).
/// </summary>
public sealed class SettlementRuleDraft
{
    public Utility Utility { get; set; } = Utility.Electricity;
    /// <summary>The first month of the version, <c>yyyy-MM</c>.</summary>
    public string FromMonth { get; set; } = "";
    public int VatPayeeId { get; set; }
    public int RemainderPayeeId { get; set; }
    public List<SettlementShareDraft> Shares { get; set; } = [];

    public Result<SettlementRuleVersion> ToVersion(int estateId)
    {
        if (!TryMonth(FromMonth, out var from))
            return Result<SettlementRuleVersion>.Fail(new Error("invalid", "Give the first month as yyyy-MM, e.g. 2027-01.", nameof(SettlementRuleVersion.EffectiveFrom)));
        return SettlementRuleVersion.Create(estateId, Utility, from, VatPayeeId, RemainderPayeeId,
            Shares.Select(s => new SettlementRuleShare(s.PayeeId, s.Basis, s.Rate, s.Basis == ShareBasis.BulkCost ? s.FixedAmount : 0m)).ToList());
    }

    public static bool TryMonth(string? text, out DateOnly first) =>
        DateOnly.TryParseExact((text ?? "").Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first);
}
