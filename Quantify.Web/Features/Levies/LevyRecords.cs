using Quantify.Domain.Arrears;
using Quantify.Domain.Levies;

namespace Quantify.Web.Features.Levies;

/// <summary>What one levy run did: charges posted, charges already there (a re-run), the rand raised, and schedules refused (with why).</summary>
public sealed record LevyRunResult(int Posted, int AlreadyPosted, decimal Total, IReadOnlyList<string> Problems);

/// <summary>One unit's levy standing for the status pages.</summary>
public sealed record LevyStatusRow(int UnitId, string UnitNumber, string? Tenant, decimal Charged, decimal Paid, decimal Outstanding, decimal Credit,
    IReadOnlyDictionary<ArrearsBucket, decimal> Ageing, DateOnly? OldestUnpaid, int DaysInArrears);

public sealed record LevyStatusReport(int EstateId, string EstateName, LevyCollection Collection, DateOnly AsOf, IReadOnlyList<LevyStatusRow> Rows)
{
    public decimal Charged => Rows.Sum(r => r.Charged);
    public decimal Paid => Rows.Sum(r => r.Paid);
    public decimal Outstanding => Rows.Sum(r => r.Outstanding);
    public decimal Bucket(ArrearsBucket b) => Rows.Sum(r => r.Ageing[b]);
}

/// <summary>The input of the schedule form (create, amend, new version).</summary>
public sealed record LevyScheduleInput(string Name, decimal Amount, LevyFrequency Frequency, LevyAllocationMethod Method, DateOnly EffectiveFrom,
    IReadOnlyDictionary<int, decimal>? CustomAmounts = null);

/// <summary>Levy figures for the scheme KPIs: this month's levies billed and collected, what is outstanding now, the month's common-area cost and the surplus (or deficit) of levies over it.</summary>
public sealed record LevyKpis(decimal BilledMonth, decimal CollectedMonth, decimal InArrears, decimal CommonAreaCostMonth, decimal SurplusMonth);
