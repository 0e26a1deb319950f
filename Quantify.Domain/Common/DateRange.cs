namespace Quantify.Domain.Common;

public static class DateRange
{
    /// <summary>Checks an optional end date is not before its start; returns the field error if it is.</summary>
    public static Error? Check(DateOnly start, DateOnly? end, string endField = "EndDate") =>
        end is { } e && e < start
            ? new Error("end_before_start", $"End date {e:yyyy-MM-dd} is before start date {start:yyyy-MM-dd}.", endField)
            : null;

    public static bool IsActiveOn(DateOnly start, DateOnly? end, DateOnly day) => start <= day && (end is null || end >= day);
}
