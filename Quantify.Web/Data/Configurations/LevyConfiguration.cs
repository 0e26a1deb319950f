using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Levies;

namespace Quantify.Web.Data.Configurations;

public sealed class LevyScheduleConfiguration : IEntityTypeConfiguration<LevySchedule>
{
    public void Configure(EntityTypeBuilder<LevySchedule> b)
    {
        b.ToTable("LevySchedules", t => t.HasCheckConstraint("CK_LevySchedules_Dates", "[EffectiveTo] IS NULL OR [EffectiveTo] > [EffectiveFrom]"));
        b.Property(s => s.Name).HasMaxLength(100).IsRequired();
        b.Property(s => s.Amount).HasPrecision(18, 2);
        // Unit id → amount for custom allocations, as JSON with invariant decimals ({"12":"1500.00"}).
        b.Property(s => s.CustomAmounts).HasColumnName("CustomAmountsJson").HasMaxLength(8000)
            .HasConversion(v => Write(v), v => Read(v), new ValueComparer<IReadOnlyDictionary<int, decimal>>(
                (a, c) => Write(a!) == Write(c!), v => Write(v).GetHashCode(StringComparison.Ordinal), v => Read(Write(v))));
        b.HasIndex(s => new { s.EstateId, s.IsActive });
        b.HasOne<Estate>().WithMany().HasForeignKey(s => s.EstateId)
            .Policy(DeleteBehavior.Restrict, "Financial: levy schedules explain posted levy charges; estates with levies are archived, never deleted.");
        b.HasOne<LevySchedule>().WithMany().HasForeignKey(s => s.PreviousVersionId)
            .Policy(DeleteBehavior.Restrict, "A version's history: schedules are deactivated, never deleted.");
    }

    private static string Write(IReadOnlyDictionary<int, decimal> v) =>
        JsonSerializer.Serialize(v.OrderBy(p => p.Key).ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value.ToString("0.00", CultureInfo.InvariantCulture)));

    private static IReadOnlyDictionary<int, decimal> Read(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
            .ToDictionary(p => int.Parse(p.Key, CultureInfo.InvariantCulture), p => decimal.Parse(p.Value, CultureInfo.InvariantCulture));
}
