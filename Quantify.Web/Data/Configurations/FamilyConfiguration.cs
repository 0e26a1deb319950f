using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Family;
using Quantify.Domain.People;
using Quantify.Web.Identity;

namespace Quantify.Web.Data.Configurations;

public sealed class WalletAccessGrantConfiguration : IEntityTypeConfiguration<WalletAccessGrant>
{
    public void Configure(EntityTypeBuilder<WalletAccessGrant> b)
    {
        b.ToTable("WalletAccessGrants");
        b.Property(g => g.CapPerTopUp).HasPrecision(18, 2);
        b.Property(g => g.CapPerMonth).HasPrecision(18, 2);
        b.HasIndex(g => new { g.UnitId, g.PersonId });
        b.HasIndex(g => g.PersonId);
        b.HasIndex(g => g.MigratedFromTenancyId).IsUnique().HasFilter("[MigratedFromTenancyId] IS NOT NULL");
        const string access = "Access history: who could see or pay into a wallet, and who granted or revoked it; revoked, never deleted.";
        b.HasOne<Unit>().WithMany().HasForeignKey(g => g.UnitId).Policy(DeleteBehavior.Restrict, access);
        b.HasOne<Person>().WithMany().HasForeignKey(g => g.PersonId).Policy(DeleteBehavior.Restrict, access);
        b.HasOne<Tenancy>().WithMany().HasForeignKey(g => g.MigratedFromTenancyId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(g => g.GrantedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(g => g.RevokedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class SpendBudgetConfiguration : IEntityTypeConfiguration<SpendBudget>
{
    public void Configure(EntityTypeBuilder<SpendBudget> b)
    {
        b.ToTable("SpendBudgets");
        b.Property(s => s.Limit).HasPrecision(18, 2);
        b.HasIndex(s => new { s.UnitId, s.Pocket, s.Period }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(s => s.UnitId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.DependentConfiguration + " Kept while the unit exists (archived, not deleted).");
    }
}

public sealed class WalletGroupConfiguration : IEntityTypeConfiguration<WalletGroup>
{
    public void Configure(EntityTypeBuilder<WalletGroup> b)
    {
        b.ToTable("WalletGroups");
        b.Property(g => g.Name).HasMaxLength(100).IsRequired();
        b.HasIndex(g => g.PayerPersonId);
        b.HasOne<Person>().WithMany().HasForeignKey(g => g.PayerPersonId).Policy(DeleteBehavior.Restrict, "A payer's group names them; the person is archived or anonymised, not deleted.");
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.WalletGroupId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
        b.Navigation(g => g.Members).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class WalletGroupMemberConfiguration : IEntityTypeConfiguration<WalletGroupMember>
{
    public void Configure(EntityTypeBuilder<WalletGroupMember> b)
    {
        b.ToTable("WalletGroupMembers");
        b.Property(m => m.FixedAmount).HasPrecision(18, 2);
        b.Property(m => m.TargetBalance).HasPrecision(18, 2);
        b.HasIndex(m => new { m.WalletGroupId, m.UnitId }).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(m => m.UnitId).Policy(DeleteBehavior.Restrict, "A grouped wallet's unit is archived, not deleted.");
    }
}
