using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Web.Features.Reconciliation;

namespace Quantify.Web.Data.Configurations;

public sealed class ReconciliationResultConfiguration : IEntityTypeConfiguration<ReconciliationResult>
{
    public void Configure(EntityTypeBuilder<ReconciliationResult> b)
    {
        b.ToTable("ReconciliationResults");
        b.Property(r => r.Check).HasMaxLength(40).IsRequired();
        b.Property(r => r.Summary).HasMaxLength(1000).IsRequired();
        b.Property(r => r.Details).IsRequired();
        b.HasIndex(r => new { r.Day, r.Check }).IsUnique();
    }
}
