using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Settlement;

namespace Quantify.Web.Data.Configurations;

public sealed class PayeeConfiguration : IEntityTypeConfiguration<Payee>
{
    public void Configure(EntityTypeBuilder<Payee> b)
    {
        b.ToTable("Payees");
        b.Property(p => p.Name).HasMaxLength(100).IsRequired();
        b.Property(p => p.BankName).HasMaxLength(60).IsRequired();
        b.Property(p => p.BranchCode).HasMaxLength(6).IsRequired();
        b.Property(p => p.AccountNumber).HasMaxLength(16).IsRequired();
        b.Property(p => p.BeneficiaryReference).HasMaxLength(16).IsRequired();
        b.Ignore(p => p.MaskedAccount);
        b.HasIndex(p => new { p.EstateId, p.Name }).IsUnique();
        b.HasOne<Estate>().WithMany().HasForeignKey(p => p.EstateId).Policy(DeleteBehavior.Restrict, "Financial: a payee with payables is deactivated, never deleted; estates are archived.");
    }
}

public sealed class SettlementRuleVersionConfiguration : IEntityTypeConfiguration<SettlementRuleVersion>
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public static string Serialize(IReadOnlyList<SettlementRuleShare> shares) => JsonSerializer.Serialize(shares, Json);
    public static List<SettlementRuleShare> Deserialize(string json) => JsonSerializer.Deserialize<List<SettlementRuleShare>>(json, Json) ?? [];

    public void Configure(EntityTypeBuilder<SettlementRuleVersion> b)
    {
        b.ToTable("SettlementRuleVersions");
        b.Property<List<SettlementRuleShare>>("shares").HasColumnName("SharesJson").IsRequired()
            .HasConversion(s => Serialize(s), s => Deserialize(s),
                new ValueComparer<List<SettlementRuleShare>>((x, y) => Serialize(x!) == Serialize(y!), s => Serialize(s).GetHashCode(StringComparison.Ordinal), s => Deserialize(Serialize(s))));
        b.Ignore(v => v.Shares);
        b.HasIndex(v => new { v.EstateId, v.Utility, v.EffectiveFrom }).IsUnique();
        b.HasOne<Estate>().WithMany().HasForeignKey(v => v.EstateId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.MasterData);
        b.HasOne<Payee>().WithMany().HasForeignKey(v => v.VatPayeeId).Policy(DeleteBehavior.Restrict, "Rules name payees; payees are deactivated, never deleted.");
        b.HasOne<Payee>().WithMany().HasForeignKey(v => v.RemainderPayeeId).Policy(DeleteBehavior.Restrict, "Rules name payees; payees are deactivated, never deleted.");
    }
}

public sealed class SettlementRunConfiguration : IEntityTypeConfiguration<SettlementRun>
{
    public void Configure(EntityTypeBuilder<SettlementRun> b)
    {
        b.ToTable("SettlementRuns");
        b.Property(r => r.Total).HasPrecision(18, 2);
        b.Property(r => r.ReversalReason).HasMaxLength(500);
        b.Ignore(r => r.Period);
        // At most one posted run per estate and month: a second run finds the first and posts nothing.
        b.HasIndex(r => new { r.EstateId, r.Year, r.Month }).IsUnique().HasFilter("[Status] = 'Posted'");
        b.HasOne<Estate>().WithMany().HasForeignKey(r => r.EstateId).Policy(DeleteBehavior.Restrict, "Financial: settlement runs are never deleted.");
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(r => r.TransactionId).Policy(DeleteBehavior.Restrict, "Financial: a run points at its posting; neither is deleted.");
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(r => r.ReversalTransactionId).Policy(DeleteBehavior.Restrict, "Financial: a reversed run points at its reversal; neither is deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(r => r.RunById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(r => r.ReversedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasMany(r => r.Lines).WithOne().HasForeignKey(l => l.RunId).Policy(DeleteBehavior.Restrict, "Financial: a run's lines are kept with it.");
        b.HasMany(r => r.Sources).WithOne().HasForeignKey(s => s.RunId).Policy(DeleteBehavior.Restrict, "Financial: a run's sources are kept with it.");
        b.Navigation(r => r.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Navigation(r => r.Sources).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class SettlementRunLineConfiguration : IEntityTypeConfiguration<SettlementRunLine>
{
    public void Configure(EntityTypeBuilder<SettlementRunLine> b)
    {
        b.ToTable("SettlementRunLines");
        b.Property(l => l.Amount).HasPrecision(18, 2);
        b.Property(l => l.Description).HasMaxLength(300).IsRequired();
        b.HasOne<Payee>().WithMany().HasForeignKey(l => l.PayeeId).Policy(DeleteBehavior.Restrict, "Financial: a run's lines name payees that are never deleted.");
    }
}

public sealed class SettlementRunSourceConfiguration : IEntityTypeConfiguration<SettlementRunSource>
{
    public void Configure(EntityTypeBuilder<SettlementRunSource> b)
    {
        b.ToTable("SettlementRunSources");
        b.Property(s => s.Amount).HasPrecision(18, 2);
        b.Property(s => s.AccountCode).HasMaxLength(64).IsRequired();
    }
}

public sealed class PayoutBatchConfiguration : IEntityTypeConfiguration<PayoutBatch>
{
    public void Configure(EntityTypeBuilder<PayoutBatch> b)
    {
        b.ToTable("PayoutBatches");
        b.Property(p => p.MakerId).HasMaxLength(450).IsRequired();
        b.Ignore(p => p.Total);
        b.HasIndex(p => p.RunId);
        b.HasOne<Estate>().WithMany().HasForeignKey(p => p.EstateId).Policy(DeleteBehavior.Restrict, "Financial: payout batches are never deleted.");
        b.HasOne<SettlementRun>().WithMany().HasForeignKey(p => p.RunId).Policy(DeleteBehavior.Restrict, "Financial: a batch pays one run; neither is deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(p => p.MakerId).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(p => p.ApprovedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasMany(p => p.Lines).WithOne().HasForeignKey(l => l.BatchId).Policy(DeleteBehavior.Restrict, "Financial: a batch's lines are kept with it.");
        b.Navigation(p => p.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class PayoutBatchLineConfiguration : IEntityTypeConfiguration<PayoutBatchLine>
{
    public void Configure(EntityTypeBuilder<PayoutBatchLine> b)
    {
        b.ToTable("PayoutBatchLines");
        b.Property(l => l.Owed).HasPrecision(18, 2);
        b.Property(l => l.Amount).HasPrecision(18, 2);
        b.Property(l => l.Reference).HasMaxLength(16).IsRequired();
        b.Property(l => l.BankReference).HasMaxLength(60);
        b.Ignore(l => l.IsPaid);
        b.HasOne<Payee>().WithMany().HasForeignKey(l => l.PayeeId).Policy(DeleteBehavior.Restrict, "Financial: a payout names a payee that is never deleted.");
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(l => l.TransactionId).Policy(DeleteBehavior.Restrict, "Financial: a paid line points at its posting; neither is deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(l => l.PaidById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}
