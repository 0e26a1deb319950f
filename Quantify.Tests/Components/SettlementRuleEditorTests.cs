using Bunit;
using MudBlazor.Services;
using Quantify.Domain.Common;
using Quantify.Domain.Metering;
using Quantify.Domain.Settlement;
using Quantify.Web.Components.Pages.Admin;
using Quantify.Web.Features.Settlement;

namespace Quantify.Tests.Components;

/// <summary>The settlement rule form on /admin/settlement: refusals shown at their field and never saved; preview before saving.</summary>
public class SettlementRuleEditorTests : IAsyncDisposable
{
    private readonly BunitContext ctx = new();
    private readonly List<SettlementRuleVersion> saved = [];
    private readonly List<(SettlementRuleVersion Version, int Year, int Month)> previewed = [];
    private Result saveOutcome = Result.Ok();

    private static readonly Payee City = WithId(Payee.Create(1, "City of Tshwane", PayeeKind.BulkSupplier, "Absa", "632005", "4071234567", "SLF-1").Value, 11);
    private static readonly Payee BodyCorporate = WithId(Payee.Create(1, "Silverleaf Body Corporate", PayeeKind.BodyCorporate, "Standard Bank", "051001", "271234567", "SLF-BC").Value, 12);
    private static readonly Payee Vat = WithId(Payee.Create(1, "Quantify Metering VAT", PayeeKind.VatVendor, "FNB", "250655", "62812349999", "QFY-VAT").Value, 13);

    public SettlementRuleEditorTests()
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
    }

    public async ValueTask DisposeAsync() => await ctx.DisposeAsync();

    private static Payee WithId(Payee p, int id)
    {
        typeof(Payee).GetProperty(nameof(Payee.Id))!.SetValue(p, id);
        return p;
    }

    private IRenderedComponent<SettlementRuleEditor> Render(SettlementRuleDraft draft) =>
        ctx.Render<SettlementRuleEditor>(p => p
            .Add(x => x.EstateId, 1)
            .Add(x => x.Payees, [City, BodyCorporate, Vat])
            .Add(x => x.Initial, draft)
            .Add(x => x.PreviewMonth, "2026-11")
            .Add(x => x.OnPreview, (v, y, m) =>
            {
                previewed.Add((v, y, m));
                return Task.FromResult(SettlementCalculator.Compute(v, new UtilityPeriodInput(v.Utility, 1_000m, 150m, null, 10)));
            })
            .Add(x => x.OnSave, v =>
            {
                if (saveOutcome.IsSuccess) saved.Add(v);
                return Task.FromResult(saveOutcome);
            }));

    private static SettlementRuleDraft Residual(decimal a, decimal b, int remainder = 12) => new()
    {
        Utility = Utility.Electricity, FromMonth = "2027-01", VatPayeeId = 13, RemainderPayeeId = remainder,
        Shares = [new() { PayeeId = 11, Basis = ShareBasis.PercentOfResidual, Rate = a }, new() { PayeeId = 12, Basis = ShareBasis.PercentOfResidual, Rate = b }],
    };

    [Fact]
    public void ResidualPercentages_NotAddingTo100_AreRefused_AndNothingIsSaved()
    {
        var cut = Render(Residual(60m, 30m));

        cut.Find("[data-testid=rule-save]").Click();

        Assert.Empty(saved);
        Assert.Contains("add to 90 %; they must add to 100 %", cut.Find("[data-testid=rule-problems]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRemainderPayee_AndABadRate_AreShownAtTheirFields()
    {
        var draft = Residual(60m, 40m, remainder: 0);
        draft.Shares[1].Rate = 140m;
        var cut = Render(draft);

        cut.Find("[data-testid=rule-save]").Click();

        Assert.Empty(saved);
        Assert.Contains("Choose who receives the remainder", cut.Markup, StringComparison.Ordinal);
        var second = cut.Find("[data-testid=rule-share-1]").TextContent;
        Assert.Contains("A percentage is more than 0 and at most 100.", second, StringComparison.Ordinal);
        Assert.DoesNotContain("A percentage is more than 0", cut.Find("[data-testid=rule-share-0]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthThatDoesNotRead_IsRefusedAtFromMonth()
    {
        var draft = Residual(60m, 40m);
        draft.FromMonth = "January";
        var cut = Render(draft);

        cut.Find("[data-testid=rule-save]").Click();

        Assert.Empty(saved);
        Assert.Contains("Give the first month as yyyy-MM", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AValidVersion_IsPreviewedAgainstThePastMonth_ThenSaved()
    {
        var cut = Render(Residual(72m, 28m));

        cut.Find("[data-testid=rule-preview]").Click();

        var (version, year, month) = Assert.Single(previewed);
        Assert.Equal((2026, 11), (year, month));
        Assert.Equal(new DateOnly(2027, 1, 1), version.EffectiveFrom);
        Assert.Empty(saved);
        Assert.Equal(Money.Format(1_150m), cut.Find("[data-testid=rule-preview-total]").TextContent.Trim()); // revenue + VAT, to the cent
        Assert.Contains("City of Tshwane", cut.Find("[data-testid=rule-preview-result]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=rule-save]").Click();

        var stored = Assert.Single(saved);
        Assert.Equal((Utility.Electricity, 13, 12, 2), (stored.Utility, stored.VatPayeeId, stored.RemainderPayeeId, stored.Shares.Count));
    }

    [Fact]
    public void TheServicesRefusal_IsShownAtTheFieldItNames()
    {
        saveOutcome = Result.Fail(new Error("overlap", "It overlaps the Electricity rule in effect from 2026-01-01 with no end; end that version first.", "EffectiveFrom"));
        var cut = Render(Residual(72m, 28m));

        cut.Find("[data-testid=rule-save]").Click();

        Assert.Empty(saved);
        Assert.Contains("It overlaps the Electricity rule", cut.Markup, StringComparison.Ordinal);
        Assert.Throws<Bunit.ElementNotFoundException>(() => cut.Find("[data-testid=rule-problems]")); // at its field, not in the general list
    }
}
