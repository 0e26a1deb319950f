using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;
using Quantify.Tests.Infrastructure;
using Quantify.Web.Data;
using Quantify.Web.Features;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Settlement;

namespace Quantify.Tests.Settlement;

/// <summary>
/// Adding a settlement rule version (the form on /admin/settlement): each refusal names its field and stores nothing;
/// a valid version is previewed against a past month and saved. On the demo, whose last month is closed and settled.
/// </summary>
public class SettlementRuleServiceTests : IAsyncLifetime
{
    private TestApp app = null!;
    private int silverleaf, harbour;
    private DateOnly lastMonth;
    private SettlementService Settlement => app.Services.GetRequiredService<SettlementService>();

    public async Task InitializeAsync()
    {
        app = await TestApp.StartAsync(demo: true, settings: new Dictionary<string, string?> { ["Demo:SettledMonth"] = "true" });
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<QuantifyDbContext>>().CreateDbContextAsync();
        silverleaf = await db.Estates.Where(e => e.Name == "Silverleaf Estate").Select(e => e.Id).SingleAsync();
        harbour = await db.Estates.Where(e => e.Name == "Harbour View Residences").Select(e => e.Id).SingleAsync();
        var today = EstateToday.In(app.Services.GetRequiredService<TimeProvider>(), null);
        lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task<(int Vat, int Body, int City)> PayeesAsync(int estateId)
    {
        var payees = await Settlement.PayeesAsync(estateId);
        return (payees.Single(p => p.Kind == PayeeKind.VatVendor).Id, payees.Single(p => p.Kind == PayeeKind.BodyCorporate).Id, payees.Single(p => p.Kind == PayeeKind.BulkSupplier).Id);
    }

    private async Task<SettlementRuleVersion> VersionAsync(Utility utility, DateOnly from, int estateId = 0)
    {
        var (vat, body, city) = await PayeesAsync(estateId == 0 ? silverleaf : estateId);
        return SettlementRuleVersion.Create(silverleaf, utility, from, vat, body,
            [new(city, ShareBasis.PercentOfResidual, 70m), new(body, ShareBasis.PercentOfResidual, 30m)]).Value;
    }

    private async Task AssertRefusedAsync(SettlementRuleVersion version, string code, string field)
    {
        var before = (await Settlement.RulesAsync(silverleaf)).Count;
        var r = await Settlement.AddRuleAsync(version);
        Assert.Contains(r.Errors, e => e.Code == code && e.Field == field);
        Assert.Equal(before, (await Settlement.RulesAsync(silverleaf)).Count);
    }

    [Fact]
    public async Task AVersionStartingInAClosedMonth_IsRefused_NamingEffectiveFrom() =>
        await AssertRefusedAsync(await VersionAsync(Utility.Water, lastMonth), "period_closed", "EffectiveFrom");

    [Fact]
    public async Task AVersionCoveringASettledMonth_IsRefused_EvenWhenThePeriodWasReopened()
    {
        Assert.True((await app.Services.GetRequiredService<PeriodService>().ReopenAsync(silverleaf, lastMonth.Year, lastMonth.Month, "late bulk invoice")).IsSuccess);
        await AssertRefusedAsync(await VersionAsync(Utility.Water, lastMonth), "settled", "EffectiveFrom");
    }

    [Fact]
    public async Task AnOverlappingVersion_IsRefused_NamingEffectiveFrom() =>
        await AssertRefusedAsync(await VersionAsync(Utility.Electricity, lastMonth.AddMonths(2)), "overlap", "EffectiveFrom");

    [Fact]
    public async Task APayeeOfAnotherEstate_IsRefused()
    {
        var current = (await Settlement.RulesAsync(silverleaf)).Single(r => r.Utility == Utility.Electricity && r.EffectiveTo is null);
        Assert.True((await Settlement.EndRuleAsync(current.Id, lastMonth.AddMonths(2))).IsSuccess);
        await AssertRefusedAsync(await VersionAsync(Utility.Electricity, lastMonth.AddMonths(2), harbour), "unknown_payee", "Shares");
    }

    [Fact]
    public void PercentagesOfTheResidualNotAddingTo100_AndNoRemainderPayee_AreRefusedByTheRule()
    {
        var r = SettlementRuleVersion.Create(silverleaf, Utility.Water, lastMonth.AddMonths(2), 1, 0,
            [new(2, ShareBasis.PercentOfResidual, 70m), new(3, ShareBasis.PercentOfResidual, 20m)]);
        Assert.Contains(r.Errors, e => e.Code == "not_100" && e.Field == "Shares");
        Assert.Contains(r.Errors, e => e.Code == "required" && e.Field == "RemainderPayeeId");
    }

    [Fact]
    public async Task AValidNextVersion_IsPreviewedAgainstTheSettledMonth_ThenSaved()
    {
        var next = lastMonth.AddMonths(2);
        var current = (await Settlement.RulesAsync(silverleaf)).Single(r => r.Utility == Utility.Electricity && r.EffectiveTo is null);
        var candidate = await VersionAsync(Utility.Electricity, next);

        // Previewed against last month (settled: its figures are read as before the run), nothing stored.
        var preview = await Settlement.PreviewRuleAsync(candidate, lastMonth.Year, lastMonth.Month);
        Assert.True(preview.IsSuccess, preview.IsFailure ? preview.Describe() : null);
        var run = (await Settlement.RunsAsync(silverleaf)).Single();
        Assert.Equal(run.Lines.Where(l => l.Utility == Utility.Electricity).Sum(l => l.Amount), preview.Value.Sum(l => l.Amount)); // same revenue + VAT, split anew
        Assert.Contains(preview.Value, l => l.Kind == SettlementLineKind.PercentOfResidual);

        Assert.Equal("overlap", (await Settlement.AddRuleAsync(candidate)).Errors.Single().Code);
        Assert.True((await Settlement.EndRuleAsync(current.Id, next)).IsSuccess);
        var added = await Settlement.AddRuleAsync(candidate);
        Assert.True(added.IsSuccess, added.IsFailure ? added.Describe() : null);
        Assert.Contains(await Settlement.RulesAsync(silverleaf), r => r.Utility == Utility.Electricity && r.EffectiveFrom == next && r.EffectiveTo is null);
    }
}
