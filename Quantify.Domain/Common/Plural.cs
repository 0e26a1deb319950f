using System.Globalization;

namespace Quantify.Domain.Common;

/// <summary>Counts as people write them: "1 unit", "4 units", "1 204 readings" (space thousands) — never "unit(s)".</summary>
public static class Plural
{
    public static string Count(int count, string singular, string? plural = null) => Count((long)count, singular, plural);

    public static string Count(long count, string singular, string? plural = null) =>
        $"{count.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ')} {(count == 1 ? singular : plural ?? Of(singular))}";

    /// <summary>The plural of a noun phrase's last word (policy → policies, key → keys, unit → units).</summary>
    public static string Of(string singular) =>
        singular.Length > 1 && singular[^1] == 'y' && !"aeiou".Contains(singular[^2], StringComparison.Ordinal) ? singular[..^1] + "ies" : singular + "s";
}
