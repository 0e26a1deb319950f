using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;

namespace Quantify.Web.Data.Configurations;

public sealed class EstateConfiguration : IEntityTypeConfiguration<Estate>
{
    public void Configure(EntityTypeBuilder<Estate> b)
    {
        b.ToTable("Estates");
        b.Property(e => e.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(e => e.Name).IsUnique();
        b.Property(e => e.Address).HasMaxLength(255);
        b.Property(e => e.City).HasMaxLength(100);
        b.Property(e => e.Province).HasMaxLength(100);
        b.Property(e => e.PostalCode).HasMaxLength(20);
        b.Property(e => e.Country).HasMaxLength(100);
        b.Property(e => e.ArchiveReason).HasMaxLength(500);
        b.HasOne(e => e.Settings).WithOne().HasForeignKey<EstateSettings>(s => s.EstateId)
            .Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
        b.Navigation(e => e.Settings).IsRequired();
    }
}

public sealed class EstateSettingsConfiguration : IEntityTypeConfiguration<EstateSettings>
{
    public void Configure(EntityTypeBuilder<EstateSettings> b)
    {
        b.ToTable("EstateSettings");
        b.HasIndex(s => s.EstateId).IsUnique();
        b.Property(s => s.TimeZone).HasMaxLength(64);
        b.Property(s => s.LowBalanceThreshold).HasPrecision(18, 2);
        b.Property(s => s.MinimumActivationAmount).HasPrecision(18, 2);
        b.Property(s => s.WaterDebtCap).HasPrecision(18, 2);
        b.Property(s => s.LossThresholdPercent).HasPrecision(9, 4);
        b.Property(s => s.DefaultElectricitySharePercent).HasPrecision(9, 4);
        b.HasMany(s => s.FeatureFlags).WithOne().HasForeignKey(f => f.EstateSettingsId)
            .Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
        b.Navigation(s => s.FeatureFlags).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class EstateFeatureFlagConfiguration : IEntityTypeConfiguration<EstateFeatureFlag>
{
    public void Configure(EntityTypeBuilder<EstateFeatureFlag> b)
    {
        b.ToTable("EstateFeatureFlags");
        b.Property(f => f.Feature).HasMaxLength(64).IsRequired();
        b.HasIndex(f => new { f.EstateSettingsId, f.Feature }).IsUnique();
    }
}

public sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> b)
    {
        b.ToTable("Units", t => t.HasCheckConstraint("CK_Units_ParticipationQuota", "[ParticipationQuota] IS NULL OR (CAST([ParticipationQuota] AS REAL) >= 0 AND CAST([ParticipationQuota] AS REAL) <= 100)"));
        b.Property(u => u.UnitNumber).HasMaxLength(50).IsRequired();
        b.HasIndex(u => new { u.EstateId, u.UnitNumber }).IsUnique();
        b.Property(u => u.Floor).HasMaxLength(20);
        b.Property(u => u.Building).HasMaxLength(50);
        b.Property(u => u.SizeSqm).HasPrecision(10, 2);
        b.Property(u => u.ParticipationQuota).HasPrecision(9, 4);
        b.Property(u => u.PaymentReference).HasMaxLength(20).IsRequired();
        b.HasIndex(u => u.PaymentReference).IsUnique();
        b.Property(u => u.ArchiveReason).HasMaxLength(500);
        b.HasOne(u => u.Estate).WithMany().HasForeignKey(u => u.EstateId)
            .Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
    }
}
