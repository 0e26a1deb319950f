using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;

namespace Quantify.Web.Data.Configurations;

public sealed class WalletConfiguration : IEntityTypeConfiguration<Wallet>
{
    public void Configure(EntityTypeBuilder<Wallet> b)
    {
        b.ToTable("Wallets");
        b.HasIndex(w => w.UnitId).IsUnique();
        b.HasOne<Unit>().WithMany().HasForeignKey(w => w.UnitId)
            .Policy(DeleteBehavior.Restrict, "Financial: a unit with a wallet is archived, never deleted (seed 000: orphaned wallets).");
        b.HasMany(w => w.Pockets).WithOne().HasForeignKey(p => p.WalletId).Policy(DeleteBehavior.Restrict, "Financial: pockets are never deleted.");
        b.Navigation(w => w.Pockets).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class WalletPocketConfiguration : IEntityTypeConfiguration<WalletPocket>
{
    public void Configure(EntityTypeBuilder<WalletPocket> b)
    {
        b.ToTable("WalletPockets");
        b.HasIndex(p => new { p.WalletId, p.Pocket }).IsUnique();
        b.Property(p => p.LowBalanceThreshold).HasPrecision(18, 2);
        b.Property(p => p.MinimumActivationAmount).HasPrecision(18, 2);
        b.Property(p => p.CreditLimit).HasPrecision(18, 2);
        b.Property(p => p.SuspendedReason).HasMaxLength(500);
    }
}

public sealed class WalletChainConfiguration : IEntityTypeConfiguration<WalletChain>
{
    public void Configure(EntityTypeBuilder<WalletChain> b)
    {
        b.ToTable("WalletChains");
        b.HasKey(c => c.WalletId);
        b.Property(c => c.WalletId).ValueGeneratedNever();
        b.Property(c => c.Head).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(c => c.Length).IsConcurrencyToken();
        b.HasOne<Wallet>().WithOne().HasForeignKey<WalletChain>(c => c.WalletId).Policy(DeleteBehavior.Restrict, "Financial: the chain head of a wallet is never deleted.");
    }
}

public sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> b)
    {
        b.ToTable("LedgerAccounts");
        b.Property(a => a.Code).HasMaxLength(64).IsRequired();
        b.HasIndex(a => a.Code).IsUnique();
        b.Property(a => a.Name).HasMaxLength(200).IsRequired();
        b.Property(a => a.Balance).HasPrecision(18, 2);
        b.HasOne<Estate>().WithMany().HasForeignKey(a => a.EstateId).Policy(DeleteBehavior.Restrict, "Financial: accounts outlive nothing; estates with accounts are archived.");
        b.HasOne<Wallet>().WithMany().HasForeignKey(a => a.WalletId).Policy(DeleteBehavior.Restrict, "Financial: wallet accounts are never deleted.");
    }
}

public sealed class LedgerTransactionConfiguration : IEntityTypeConfiguration<LedgerTransaction>
{
    public void Configure(EntityTypeBuilder<LedgerTransaction> b)
    {
        b.ToTable("LedgerTransactions");
        b.Property(t => t.Number).HasMaxLength(32).IsRequired();
        b.HasIndex(t => t.Number).IsUnique();
        b.Property(t => t.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.HasIndex(t => t.IdempotencyKey).IsUnique();
        b.Property(t => t.ContentHash).HasMaxLength(64).IsRequired();
        b.Property(t => t.Description).HasMaxLength(500).IsRequired();
        b.HasIndex(t => new { t.EstateId, t.ValueDate });
        b.HasOne<Estate>().WithMany().HasForeignKey(t => t.EstateId).Policy(DeleteBehavior.Restrict, "Financial: estates with postings are archived, never deleted.");
        b.HasOne<LedgerTransaction>().WithMany().HasForeignKey(t => t.ReversesId).Policy(DeleteBehavior.Restrict, "Financial: a reversal points at the entry it corrects; neither is deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(t => t.PostedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
        b.HasMany(t => t.Lines).WithOne().HasForeignKey(l => l.TransactionId).Policy(DeleteBehavior.Restrict, "Financial: append-only ledger.");
        b.Navigation(t => t.Lines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

public sealed class LedgerLineConfiguration : IEntityTypeConfiguration<LedgerLine>
{
    public void Configure(EntityTypeBuilder<LedgerLine> b)
    {
        b.ToTable("LedgerLines");
        b.Property(l => l.Amount).HasPrecision(18, 2);
        b.Property(l => l.PreviousHash).HasMaxLength(64).IsFixedLength();
        b.Property(l => l.Hash).HasMaxLength(64).IsFixedLength();
        // One link per position in a wallet's chain: two writers can never fork it.
        b.HasIndex(l => new { l.WalletId, l.Sequence }).IsUnique().HasFilter("[WalletId] IS NOT NULL");
        b.HasIndex(l => l.AccountId);
        b.HasOne<LedgerAccount>().WithMany().HasForeignKey(l => l.AccountId).Policy(DeleteBehavior.Restrict, "Financial: append-only ledger.");
        b.HasOne<Wallet>().WithMany().HasForeignKey(l => l.WalletId).Policy(DeleteBehavior.Restrict, "Financial: append-only ledger.");
    }
}

public sealed class FinancialPeriodConfiguration : IEntityTypeConfiguration<FinancialPeriod>
{
    public void Configure(EntityTypeBuilder<FinancialPeriod> b)
    {
        b.ToTable("FinancialPeriods");
        b.HasIndex(p => new { p.EstateId, p.Year, p.Month }).IsUnique();
        b.Property(p => p.ReopenReason).HasMaxLength(500);
        b.Ignore(p => p.FirstDay);
        b.Ignore(p => p.LastDay);
        b.Ignore(p => p.Label);
        b.HasOne<Estate>().WithMany().HasForeignKey(p => p.EstateId).Policy(DeleteBehavior.Restrict, "Financial: periods are never deleted.");
        b.HasOne<Identity.ApplicationUser>().WithMany().HasForeignKey(p => p.ClosedById).Policy(DeleteBehavior.Restrict, RelationshipPolicy.UsersNeverDeleted);
    }
}

public sealed class PeriodBalanceConfiguration : IEntityTypeConfiguration<PeriodBalance>
{
    public void Configure(EntityTypeBuilder<PeriodBalance> b)
    {
        b.ToTable("PeriodBalances");
        b.Property(x => x.Balance).HasPrecision(18, 2);
        // A month closed, reopened and closed again keeps both snapshots.
        b.HasIndex(x => new { x.PeriodId, x.AccountId });
        b.HasOne<FinancialPeriod>().WithMany().HasForeignKey(x => x.PeriodId).Policy(DeleteBehavior.Restrict, "Financial: closing snapshots are never deleted.");
        b.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).Policy(DeleteBehavior.Restrict, "Financial: closing snapshots are never deleted.");
    }
}
