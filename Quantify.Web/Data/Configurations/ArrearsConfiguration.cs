using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Arrears;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;

namespace Quantify.Web.Data.Configurations;

public sealed class ArrearsRuleConfiguration : IEntityTypeConfiguration<ArrearsRule>
{
    public void Configure(EntityTypeBuilder<ArrearsRule> b)
    {
        b.ToTable("ArrearsRules");
        b.HasIndex(r => r.EstateId).IsUnique();
        b.HasOne<Estate>().WithMany().HasForeignKey(r => r.EstateId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
    }
}

public sealed class ArrearsEscalationConfiguration : IEntityTypeConfiguration<ArrearsEscalation>
{
    public void Configure(EntityTypeBuilder<ArrearsEscalation> b)
    {
        b.ToTable("ArrearsEscalations");
        b.Property(e => e.Balance).HasPrecision(18, 2);
        b.Property(e => e.Detail).HasMaxLength(500).IsRequired();
        b.HasIndex(e => new { e.WalletId, e.Pocket, e.EpisodeStartSequence, e.Step }).IsUnique();
        b.HasIndex(e => new { e.UnitId, e.TakenAt });
        b.HasOne<Unit>().WithMany().HasForeignKey(e => e.UnitId)
            .Policy(DeleteBehavior.Restrict, "Arrears escalation history is kept for audits and disputes; the unit is archived, never hard-deleted.");
        b.HasOne<Wallet>().WithMany().HasForeignKey(e => e.WalletId)
            .Policy(DeleteBehavior.Restrict, "Arrears escalation history is kept with the wallet whose ledger it was derived from.");
    }
}
