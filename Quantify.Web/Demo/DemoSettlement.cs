using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;
using Quantify.Web.Data;
using Quantify.Web.Identity;

namespace Quantify.Web.Demo;

/// <summary>
/// The demo's settlement set-up (docs/settlement.md): payees and rule versions for both estates from the start of the
/// year, and a second admin (finance@) so payout batches can be approved under maker-checker. Called once by
/// <see cref="DemoSeeder"/>. Bank details are made up (account numbers of the right shape, universal branch codes).
/// </summary>
public static class DemoSettlement
{
    public const string FinanceAdminLocal = "finance";

    public static async Task SeedAsync(QuantifyDbContext db, UserManager<ApplicationUser> users, TimeProvider clock, int silverleafId, int harbourId, CancellationToken ct)
    {
        // From the start of last month's year, like the demo tariffs: in January, December can still be settled.
        var from = new DateOnly(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-1).Year, 1, 1);

        // Silverleaf: the municipality is paid the actual bulk cost; the body corporate a markup and the remainder; the operator a commission and a per-unit fee.
        var (tshwane, slfBc, slfOps, slfVat) = await PayeesAsync(db, silverleafId,
            ("City of Tshwane", PayeeKind.BulkSupplier, "Absa", "632005", "4071234567", "SLF-00812345"),
            ("Silverleaf Body Corporate", PayeeKind.BodyCorporate, "Standard Bank", "051001", "271234567", "SLF-BC"),
            ("Quantify Metering", PayeeKind.Operator, "FNB", "250655", "62812345678", "QFY-SLF"),
            ("Quantify Metering VAT", PayeeKind.VatVendor, "FNB", "250655", "62812349999", "QFY-VAT-SLF"), ct);
        Add(db, SettlementRuleVersion.Create(silverleafId, Utility.Electricity, from, slfVat, slfBc,
            [new(tshwane, ShareBasis.BulkCost, 1.95m, 450m), new(slfBc, ShareBasis.MarkupOnBulkCost, 5m), new(slfOps, ShareBasis.PercentOfRevenue, 6m), new(slfOps, ShareBasis.PerActiveUnit, 15m)]));
        Add(db, SettlementRuleVersion.Create(silverleafId, Utility.Water, from, slfVat, slfBc,
            [new(tshwane, ShareBasis.BulkCost, 24.50m, 350m), new(slfOps, ShareBasis.PerActiveUnit, 8m)]));
        Add(db, SettlementRuleVersion.Create(silverleafId, Utility.HotWater, from, slfVat, slfBc, [new(slfOps, ShareBasis.PercentOfRevenue, 10m)]));
        Add(db, SettlementRuleVersion.Create(silverleafId, Utility.Solar, from, slfVat, slfBc, [new(slfOps, ShareBasis.PercentOfRevenue, 10m)]));

        // Harbour View: the supplier, operator and body corporate split what is left by percentages.
        var (eskom, hvrBc, hvrOps, hvrVat) = await PayeesAsync(db, harbourId,
            ("City of Cape Town", PayeeKind.BulkSupplier, "Nedbank", "198765", "1012345678", "HVR-CCT-001"),
            ("Harbour View Body Corporate", PayeeKind.BodyCorporate, "Capitec", "470010", "1456789012", "HVR-BC"),
            ("Quantify Metering", PayeeKind.Operator, "FNB", "250655", "62812345678", "QFY-HVR"),
            ("Quantify Metering VAT", PayeeKind.VatVendor, "FNB", "250655", "62812349999", "QFY-VAT-HVR"), ct);
        foreach (var u in new[] { Utility.Electricity, Utility.Water })
            Add(db, SettlementRuleVersion.Create(harbourId, u, from, hvrVat, hvrBc,
                [new(eskom, ShareBasis.PercentOfResidual, 72m), new(hvrOps, ShareBasis.PercentOfResidual, 10m), new(hvrBc, ShareBasis.PercentOfResidual, 18m)]));
        foreach (var u in new[] { Utility.HotWater, Utility.Solar })
            Add(db, SettlementRuleVersion.Create(harbourId, u, from, hvrVat, hvrBc, [new(hvrOps, ShareBasis.PercentOfRevenue, 15m)]));
        await db.SaveChangesAsync(ct);

        var email = $"{FinanceAdminLocal}@{DemoSeeder.Domain}";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Finance Admin (checker)", CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, DemoSeeder.Password);
        if (!created.Succeeded) throw new InvalidOperationException($"Demo user {email}: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, Roles.Admin);
        await DemoAuthenticator.EnrolIfRequiredAsync(users, user, Roles.Admin);
    }

    private static async Task<(int, int, int, int)> PayeesAsync(QuantifyDbContext db, int estateId,
        (string Name, PayeeKind Kind, string Bank, string Branch, string Account, string Reference) a,
        (string Name, PayeeKind Kind, string Bank, string Branch, string Account, string Reference) b,
        (string Name, PayeeKind Kind, string Bank, string Branch, string Account, string Reference) c,
        (string Name, PayeeKind Kind, string Bank, string Branch, string Account, string Reference) d, CancellationToken ct)
    {
        var payees = new[] { a, b, c, d }.Select(p => Ok(Payee.Create(estateId, p.Name, p.Kind, p.Bank, p.Branch, p.Account, p.Reference))).ToList();
        db.Payees.AddRange(payees);
        await db.SaveChangesAsync(ct);
        return (payees[0].Id, payees[1].Id, payees[2].Id, payees[3].Id);
    }

    private static void Add(QuantifyDbContext db, Result<SettlementRuleVersion> rule) => db.SettlementRuleVersions.Add(Ok(rule));

    private static T Ok<T>(Result<T> r) => r.IsSuccess ? r.Value : throw new InvalidOperationException("Demo settlement data is invalid: " + r.Describe());
}
