using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Web.Features.ApiKeys;
using Quantify.Web.Identity;

namespace Quantify.Web.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> b)
    {
        b.ToTable("ApiKeys");
        b.Property(k => k.Name).HasMaxLength(100).IsRequired();
        b.Property(k => k.Prefix).HasMaxLength(16).IsRequired();
        b.HasIndex(k => k.Prefix).IsUnique();
        b.Property(k => k.SecretHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(k => k.Permissions).HasMaxLength(500).IsRequired();
        b.Ignore(k => k.PermissionSet);
        b.Ignore(k => k.IsRevoked);
        b.HasIndex(k => k.OwnerId);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.OwnerId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.CreatedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.RevokedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasMany(k => k.Estates).WithOne().HasForeignKey(e => e.ApiKeyId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
    }
}

public sealed class ApiKeyEstateConfiguration : IEntityTypeConfiguration<ApiKeyEstate>
{
    public void Configure(EntityTypeBuilder<ApiKeyEstate> b)
    {
        b.ToTable("ApiKeyEstates");
        b.HasKey(e => new { e.ApiKeyId, e.EstateId });
        b.HasOne<Estate>().WithMany().HasForeignKey(e => e.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
    }
}
