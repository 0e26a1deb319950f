using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.People;
using Quantify.Web.Identity;

namespace Quantify.Web.Data.Configurations;

public sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("Persons");
        b.Property(p => p.FirstName).HasMaxLength(50).IsRequired();
        b.Property(p => p.LastName).HasMaxLength(50).IsRequired();
        b.Property(p => p.IdNumber).HasMaxLength(20);
        b.HasIndex(p => p.IdNumber).IsUnique().HasFilter("[IdNumber] IS NOT NULL");
        b.Property(p => p.Email).HasMaxLength(120);
        b.HasIndex(p => p.Email);
        b.Property(p => p.Phone).HasMaxLength(20);
        b.Property(p => p.AlternativePhone).HasMaxLength(20);
        b.Ignore(p => p.FullName);
    }
}

public sealed class OwnershipConfiguration : IEntityTypeConfiguration<Ownership>
{
    public void Configure(EntityTypeBuilder<Ownership> b)
    {
        b.ToTable("Ownerships", t => t.HasCheckConstraint("CK_Ownerships_Dates", "[EndDate] IS NULL OR [EndDate] >= [StartDate]"));
        b.Property(o => o.SharePercent).HasPrecision(9, 4);
        b.HasOne<Unit>().WithMany().HasForeignKey(o => o.UnitId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne(o => o.Person).WithMany().HasForeignKey(o => o.PersonId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasIndex(o => new { o.UnitId, o.StartDate });
    }
}

public sealed class TenancyConfiguration : IEntityTypeConfiguration<Tenancy>
{
    public void Configure(EntityTypeBuilder<Tenancy> b)
    {
        b.ToTable("Tenancies", t => t.HasCheckConstraint("CK_Tenancies_Dates", "[EndDate] IS NULL OR [EndDate] >= [StartDate]"));
        b.Property(t => t.MonthlySpendLimit).HasPrecision(18, 2);
        b.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasOne(t => t.Person).WithMany().HasForeignKey(t => t.PersonId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.History);
        b.HasIndex(t => new { t.UnitId, t.StartDate });
        b.HasIndex(t => t.PersonId);
    }
}

public sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.HasOne<Person>().WithMany().HasForeignKey(u => u.PersonId)
            .Policy(DeleteBehavior.Restrict, "A person with a login is deactivated or anonymised, never hard-deleted.");
        b.HasIndex(u => u.PersonId);
    }
}

public sealed class EstateAssignmentConfiguration : IEntityTypeConfiguration<EstateAssignment>
{
    public void Configure(EntityTypeBuilder<EstateAssignment> b)
    {
        b.ToTable("EstateAssignments");
        b.Property(a => a.Role).HasMaxLength(32).IsRequired();
        b.HasIndex(a => new { a.UserId, a.EstateId, a.Role }).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(a => a.UserId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
        b.HasOne<Estate>().WithMany().HasForeignKey(a => a.EstateId).Policy(DeleteBehavior.Cascade, RelationshipPolicy.DependentConfiguration);
    }
}

/// <summary>The seven roles are reference data: created by the migration, so every database has them.</summary>
public sealed class RoleConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.Identity.IdentityRole>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.Identity.IdentityRole> b) =>
        b.HasData(Roles.All.Select(r => new Microsoft.AspNetCore.Identity.IdentityRole(r)
        {
            Id = "role-" + r.ToLowerInvariant(),
            NormalizedName = r.ToUpperInvariant(),
            ConcurrencyStamp = "role-" + r.ToLowerInvariant(),
        }));
}
