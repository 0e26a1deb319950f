using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Web.Features.Import;

namespace Quantify.Web.Data.Configurations;

public sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.ToTable("ImportRuns");
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(r => r.FileName).HasMaxLength(260).IsRequired();
        b.Property(r => r.FileBytes).IsRequired();
        b.Property(r => r.Errors).IsRequired();
        b.HasIndex(r => new { r.EstateId, r.StartedAt });
        b.HasIndex(r => r.StartedAt);
        b.HasOne<Estate>().WithMany().HasForeignKey(r => r.EstateId).Policy(DeleteBehavior.Restrict, "Audit: import history is kept; estates are archived, not deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(r => r.UserId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}
