using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Quantify.Domain.Arrears;
using Quantify.Domain.Ledger;
using Quantify.Domain.Levies;
using Quantify.Tests.MasterData;
using Quantify.Web.Features.Arrears;
using Quantify.Web.Features.Ledger;
using Quantify.Web.Features.Levies;
using Quantify.Web.Identity;
using Quantify.Web.Security;

namespace Quantify.Tests.Levies;

/// <summary>
/// Levies on a real SQLite database: schedule → charge (job, twice) → pay by EFT or from the wallet → status,
/// arrears and escalation, and the scope checks. Today is 2026-11-02 (10:00 in Johannesburg).
/// </summary>
public class LevyServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private MasterDataWorld w = null!;
    private LedgerService ledger = null!;
    private LevyService levies = null!;
    private int estateId, otherEstateId, a1, a2, a3;

    private static UserScope Scope(string role, params int[] estates) =>
        new("u-" + role, new HashSet<string> { role }, new Dictionary<string, IReadOnlySet<int>> { [role] = estates.ToHashSet() },
            new HashSet<int>(), new HashSet<int>(), new HashSet<int>(), new Dictionary<int, int>());

    private UserScope Agent => Scope(Roles.ManagingAgent, estateId);

    public async Task InitializeAsync()
    {
        w = await MasterDataWorld.CreateAsync();
        w.Db.Clock.Set(Start);
        estateId = await w.EstateAsync("Levy Estate");
        otherEstateId = await w.EstateAsync("Other Estate");
        a1 = await w.UnitAsync(estateId, "A1");
        a2 = await w.UnitAsync(estateId, "A2");
        a3 = await w.UnitAsync(estateId, "A3");
        await SetQuotaAsync(a1, 25m);
        await SetQuotaAsync(a2, 25m);
        await SetQuotaAsync(a3, 50m);
        await w.UnitAsync(otherEstateId, "Z1");
        ledger = new LedgerService(w.Db.Factory, w.Db.Clock, new WalletLocks());
        levies = new LevyService(w.Db.Factory, ledger, w.Db.Clock);
    }

    public async Task DisposeAsync() => await w.DisposeAsync();

    private async Task SetQuotaAsync(int unitId, decimal? pq)
    {
        await using var db = w.Db.Create();
        var u = await db.Units.SingleAsync(x => x.Id == unitId);
        Assert.True(u.Update(u.UnitNumber, u.Floor, u.Building, u.SizeSqm, pq, u.Bedrooms, u.Bathrooms).IsSuccess);
        await db.SaveChangesAsync();
    }

    private async Task<int> AdminLevyAsync(decimal amount = 1_000m) =>
        (await levies.CreateAsync(Agent, estateId, new LevyScheduleInput("Admin levy", amount, LevyFrequency.Monthly, LevyAllocationMethod.ParticipationQuota, new(2026, 11, 1)))).Value;

    private async Task<Dictionary<string, LevyStatusRow>> StatusAsync() =>
        (await levies.StatusAsync(Agent, estateId)).Value.Rows.ToDictionary(r => r.UnitNumber);

    [Fact]
    public async Task RaisingTwice_PostsEachUnitsShareOnce_ByParticipationQuota()
    {
        await AdminLevyAsync();

        var first = await levies.RaiseAsync();
        var second = await levies.RaiseAsync();

        Assert.Equal((3, 1_000m), (first.Posted, first.Total));
        Assert.Equal((0, 3), (second.Posted, second.AlreadyPosted));
        var status = await StatusAsync();
        Assert.Equal([250m, 250m, 500m], new[] { "A1", "A2", "A3" }.Select(n => status[n].Charged));
        await using var db = w.Db.Create();
        var income = await db.LedgerAccounts.SingleAsync(a => a.Code == AccountCode.LevyIncome(estateId).ToString());
        Assert.Equal(1_000m, income.Balance);
        var receivable = await db.LedgerAccounts.SingleAsync(a => a.Code == AccountCode.LevyReceivable(estateId, a3).ToString());
        Assert.Equal(-500m, receivable.Balance);
    }

    [Fact]
    public async Task EftReceipt_SettlesTheReceivable_OnceForTheSameBankReference()
    {
        await AdminLevyAsync();
        await levies.RaiseAsync();

        var paid = await levies.RecordReceiptAsync(Agent, a1, 250m, new(2026, 11, 2), "FNB 7781");
        var again = await levies.RecordReceiptAsync(Agent, a1, 250m, new(2026, 11, 2), "FNB 7781");

        Assert.True(paid.IsSuccess, paid.Describe());
        Assert.True(again.Value.Replayed);
        var status = await StatusAsync();
        Assert.Equal((250m, 250m, 0m), (status["A1"].Charged, status["A1"].Paid, status["A1"].Outstanding));
        Assert.Equal(250m, status["A2"].Outstanding);
        await using var db = w.Db.Create();
        Assert.Equal(-250m, (await db.LedgerAccounts.SingleAsync(a => a.Code == AccountCode.TrustBank(estateId).ToString())).Balance);
    }

    [Fact]
    public async Task UnpaidReceivables_JoinTheArrearsReport_AgeAndAreEscalatedOnce()
    {
        await AdminLevyAsync();
        await levies.RaiseAsync();
        await levies.RecordReceiptAsync(Agent, a1, 250m, new(2026, 11, 2), "EFT-1");
        w.Db.Clock.Set(Start.AddDays(40)); // 12 December: November's levy is 41 days old

        var report = await new ArrearsService(w.Db.Factory, w.Db.Clock).ReportAsync(estateId);
        var escalation = new ArrearsEscalationService(w.Db.Factory, w.Db.Clock, NullLogger<ArrearsEscalationService>.Instance);
        var run = await escalation.RunEstateAsync(estateId);
        var rerun = await escalation.RunEstateAsync(estateId);

        Assert.Equal([("A2", -250m, 41), ("A3", -500m, 41)], report!.Rows.Select(r => (r.UnitNumber, r.Balance, r.DaysInArrears)));
        Assert.All(report.Rows, r => Assert.Equal((Pocket.Levy, ArrearsBucket.Days30To59), (r.Pocket, r.Bucket)));
        Assert.True(run.StepsTaken >= 2);
        Assert.Equal(0, rerun.StepsTaken);
        await using var db = w.Db.Create();
        Assert.Contains(await db.ArrearsEscalations.Where(e => e.UnitId == a3).Select(e => e.Pocket).ToListAsync(), p => p == Pocket.Levy);
    }

    [Fact]
    public async Task FromTheWallet_TheLevyPocketIsCharged_AToppedUpPocketIsPaid_AnUnpaidOneIsInArrears()
    {
        Assert.True((await levies.SetCollectionAsync(Agent, estateId, LevyCollection.Wallet)).IsSuccess);
        await AdminLevyAsync();

        var run = await levies.RaiseAsync();
        var walletId = await ledger.EnsureWalletAsync(a1);
        var topUp = await ledger.PostAsync(Postings.TopUp("levy-topup-a1", new(2026, 11, 2), "Levy top-up", walletId,
            new Dictionary<Pocket, decimal> { [Pocket.Levy] = 300m }, AccountCode.Bank));

        Assert.Equal(3, run.Posted);
        Assert.True(topUp.IsSuccess, topUp.Describe());
        var balances = await ledger.BalancesAsync(a1);
        Assert.Equal(50m, balances.Single(b => b.Pocket == Pocket.Levy).Balance);
        var status = await StatusAsync();
        Assert.Equal((250m, 300m, 0m, 50m), (status["A1"].Charged, status["A1"].Paid, status["A1"].Outstanding, status["A1"].Credit));
        var report = await new ArrearsService(w.Db.Factory, w.Db.Clock).ReportAsync(estateId);
        Assert.Equal([("A3", Pocket.Levy, -500m), ("A2", Pocket.Levy, -250m)], report!.Rows.Select(r => (r.UnitNumber, r.Pocket, r.Balance)).OrderByDescending(r => r.UnitNumber));
        Assert.Equal("wallet_levies", Assert.Single((await levies.RecordReceiptAsync(Agent, a2, 250m, new(2026, 11, 2), "EFT-9")).Errors).Code);
    }

    [Fact]
    public async Task AScheduleByQuota_WithAUnitWithoutQuota_IsRefusedNamingTheUnit_AndTheJobPostsNothingForIt()
    {
        await SetQuotaAsync(a2, null);

        var refused = await levies.CreateAsync(Agent, estateId, new LevyScheduleInput("Admin levy", 900m, LevyFrequency.Monthly, LevyAllocationMethod.ParticipationQuota, new(2026, 11, 1)));

        Assert.Equal("Unit A2: ParticipationQuota", Assert.Single(refused.Errors).Field);
        await SetQuotaAsync(a2, 25m);
        await AdminLevyAsync();
        await SetQuotaAsync(a2, null); // quota removed after the schedule was made
        var run = await levies.RaiseAsync();
        Assert.Equal(0, run.Posted);
        Assert.Contains("Unit A2 has no participation quota", Assert.Single(run.Problems));
    }

    [Fact]
    public async Task NewVersion_ChargesFromItsStart_TheOldVersionKeepsEarlierPeriods()
    {
        var id = await AdminLevyAsync();

        var tooEarly = await levies.SupersedeAsync(Agent, id, new LevyScheduleInput("Admin levy", 1_200m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, new(2026, 11, 1)));
        var next = await levies.SupersedeAsync(Agent, id, new LevyScheduleInput("Admin levy", 1_200m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, new(2026, 12, 1)));
        var november = await levies.RaiseAsync(day: new(2026, 11, 15));
        var december = await levies.RaiseAsync(day: new(2026, 12, 1));

        Assert.Equal("EffectiveFrom", Assert.Single(tooEarly.Errors).Field);
        Assert.True(next.IsSuccess, next.Describe());
        Assert.Equal(1_000m, november.Total);
        Assert.Equal((3, 1_200m), (december.Posted, december.Total));
        Assert.Equal(2, (await levies.SchedulesAsync(Agent, estateId)).Value.Count);
    }

    [Fact]
    public async Task Deactivated_ChargesNothingMore_ButIsKept()
    {
        var id = await AdminLevyAsync();
        await levies.RaiseAsync();

        Assert.True((await levies.DeactivateAsync(Agent, id)).IsSuccess);
        var december = await levies.RaiseAsync(day: new(2026, 12, 1));

        Assert.Equal(0, december.Posted + december.AlreadyPosted);
        Assert.False(Assert.Single((await levies.SchedulesAsync(Agent, estateId)).Value).IsActive);
        Assert.Equal(1_000m, (await levies.StatusAsync(Agent, estateId)).Value.Charged);
    }

    [Fact]
    public async Task ATrusteeOfAnotherEstate_CannotSeeOrChangeThisEstatesLevies()
    {
        var id = await AdminLevyAsync();
        await levies.RaiseAsync();
        var stranger = Scope(Roles.Trustee, otherEstateId);
        var otherAgent = Scope(Roles.ManagingAgent, otherEstateId);

        Assert.Equal("forbidden", Assert.Single((await levies.StatusAsync(stranger, estateId)).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.SchedulesAsync(stranger, estateId)).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.StatusAsync(otherAgent, estateId)).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.DeactivateAsync(otherAgent, id)).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.RecordReceiptAsync(otherAgent, a1, 250m, new(2026, 11, 2), "X")).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.RaiseNowAsync(otherAgent, estateId)).Errors).Code);
    }

    [Fact]
    public async Task ATrusteeOfThisEstate_ReadsStatus_ButCannotManageSchedules()
    {
        await AdminLevyAsync();
        var trustee = Scope(Roles.Trustee, estateId);

        Assert.True((await levies.StatusAsync(trustee, estateId)).IsSuccess);
        Assert.Equal("forbidden", Assert.Single((await levies.CreateAsync(trustee, estateId,
            new LevyScheduleInput("Sneaky", 10m, LevyFrequency.Monthly, LevyAllocationMethod.Equal, new(2026, 11, 1)))).Errors).Code);
        Assert.Equal("forbidden", Assert.Single((await levies.SetCollectionAsync(trustee, estateId, LevyCollection.Wallet)).Errors).Code);
    }

    [Fact]
    public async Task Kpis_ShowBilledCollectedAndArrears_ForTheMonth()
    {
        await AdminLevyAsync();
        await levies.RaiseAsync();
        await levies.RecordReceiptAsync(Agent, a3, 500m, new(2026, 11, 2), "EFT-A3");

        var kpis = await new LevyKpiQueries(w.Db.Factory, w.Db.Clock).KpisAsync(estateId);

        Assert.Equal((1_000m, 500m, 500m), (kpis.BilledMonth, kpis.CollectedMonth, kpis.InArrears));
        Assert.Equal(kpis.BilledMonth - kpis.CommonAreaCostMonth, kpis.SurplusMonth);
    }
}
