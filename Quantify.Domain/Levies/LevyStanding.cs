using Quantify.Domain.Arrears;

namespace Quantify.Domain.Levies;

/// <summary>
/// A unit's levy account at a date: what was charged and paid (all time), what is outstanding, any credit paid in
/// advance, and the outstanding amount by age (days since each unpaid charge's value date).
/// </summary>
public sealed record LevyStanding(decimal Charged, decimal Paid, decimal Outstanding, decimal Credit, IReadOnlyDictionary<ArrearsBucket, decimal> Ageing,
    DateOnly? OldestUnpaid)
{
    public int DaysInArrears(DateOnly today) => OldestUnpaid is { } d ? ArrearsAgeing.DaysInArrears(d, today) : 0;

    /// <summary>
    /// Ages a levy account from its lines in posting order (charges are negative, payments and reversals positive):
    /// payments settle the oldest charges first (first in, first out), so what is left unpaid keeps the date it was
    /// charged. Pure; the same lines always give the same answer.
    /// </summary>
    public static LevyStanding From(IEnumerable<(DateOnly ValueDate, decimal Amount)> linesInOrder, DateOnly today)
    {
        var open = new LinkedList<(DateOnly Date, decimal Left)>();
        decimal charged = 0, paid = 0, credit = 0;
        foreach (var (date, amount) in linesInOrder)
        {
            if (amount < 0)
            {
                charged += -amount;
                var due = -amount;
                var used = Math.Min(credit, due);
                credit -= used;
                due -= used;
                if (due > 0) open.AddLast((date, due));
            }
            else if (amount > 0)
            {
                paid += amount;
                var left = amount;
                while (left > 0 && open.First is { } first)
                {
                    var settle = Math.Min(left, first.Value.Left);
                    left -= settle;
                    if (settle == first.Value.Left) open.RemoveFirst();
                    else first.Value = (first.Value.Date, first.Value.Left - settle);
                }
                credit += left;
            }
        }
        var ageing = Enum.GetValues<ArrearsBucket>().ToDictionary(b => b, _ => 0m);
        foreach (var (date, left) in open) ageing[ArrearsAgeing.Bucket(ArrearsAgeing.DaysInArrears(date, today))] += left;
        return new LevyStanding(charged, paid, open.Sum(o => o.Left), credit, ageing, open.First?.Value.Date);
    }
}
