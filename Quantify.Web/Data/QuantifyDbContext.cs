using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Quantify.Domain.Common;
using Quantify.Domain.Estates;
using Quantify.Domain.Ledger;
using Quantify.Domain.Metering;
using Quantify.Domain.Tariffs;
using Quantify.Domain.People;
using Quantify.Domain.Support;
using Quantify.Web.Identity;

namespace Quantify.Web.Data;

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>
/// The one context (Identity included). Provider-specific choices live in the two subclasses, each with its own
/// migrations set: <see cref="SqliteQuantifyDbContext"/> and <see cref="SqlServerQuantifyDbContext"/>.
/// </summary>
public abstract class QuantifyDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public abstract DatabaseProvider Provider { get; }

    public DbSet<Estate> Estates => Set<Estate>();
    public DbSet<EstateSettings> EstateSettings => Set<EstateSettings>();
    public DbSet<EstateFeatureFlag> EstateFeatureFlags => Set<EstateFeatureFlag>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Ownership> Ownerships => Set<Ownership>();
    public DbSet<Tenancy> Tenancies => Set<Tenancy>();
    public DbSet<Meter> Meters => Set<Meter>();
    public DbSet<MeterAlert> MeterAlerts => Set<MeterAlert>();
    public DbSet<MeterReading> MeterReadings => Set<MeterReading>();
    public DbSet<MeterState> MeterStates => Set<MeterState>();
    public DbSet<MeterPollStatus> MeterPollStatuses => Set<MeterPollStatus>();
    public DbSet<Gateway> Gateways => Set<Gateway>();
    public DbSet<Tariff> Tariffs => Set<Tariff>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<DeviceCommand> DeviceCommands => Set<DeviceCommand>();
    public DbSet<RelayHold> RelayHolds => Set<RelayHold>();
    /// <summary>The ASP.NET Core Data Protection key ring, shared by every instance (webhook secrets, auth cookies, antiforgery).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Ticket> Tickets => Set<Ticket>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AccessInvitation> AccessInvitations => Set<AccessInvitation>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<EstateAssignment> EstateAssignments => Set<EstateAssignment>();
    public DbSet<ArchivedRecord> ArchivedRecords => Set<ArchivedRecord>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<WalletPocket> WalletPockets => Set<WalletPocket>();
    public DbSet<WalletChain> WalletChains => Set<WalletChain>();
    public DbSet<LedgerAccount> LedgerAccounts => Set<LedgerAccount>();
    public DbSet<LedgerTransaction> LedgerTransactions => Set<LedgerTransaction>();
    public DbSet<LedgerLine> LedgerLines => Set<LedgerLine>();
    public DbSet<Features.Ledger.TransactionNumberSequence> TransactionNumberSequences => Set<Features.Ledger.TransactionNumberSequence>();
    public DbSet<FinancialPeriod> FinancialPeriods => Set<FinancialPeriod>();
    public DbSet<PeriodBalance> PeriodBalances => Set<PeriodBalance>();
    public DbSet<Features.Payments.PendingPayment> Payments => Set<Features.Payments.PendingPayment>();
    public DbSet<Features.Payments.PaymentRejection> PaymentRejections => Set<Features.Payments.PaymentRejection>();
    public DbSet<Features.Reconciliation.ReconciliationResult> ReconciliationResults => Set<Features.Reconciliation.ReconciliationResult>();
    public DbSet<Features.Payments.BankDeposit> BankDeposits => Set<Features.Payments.BankDeposit>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Features.ApiKeys.ApiKey> ApiKeys => Set<Features.ApiKeys.ApiKey>();
    public DbSet<Features.ApiKeys.ApiKeyEstate> ApiKeyEstates => Set<Features.ApiKeys.ApiKeyEstate>();
    public DbSet<Domain.Levies.LevySchedule> LevySchedules => Set<Domain.Levies.LevySchedule>();
    public DbSet<Domain.Arrears.ArrearsRule> ArrearsRules => Set<Domain.Arrears.ArrearsRule>();
    public DbSet<Domain.Arrears.ArrearsEscalation> ArrearsEscalations => Set<Domain.Arrears.ArrearsEscalation>();
    public DbSet<Features.Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Features.Webhooks.WebhookSubscription>();
    public DbSet<Features.Webhooks.WebhookDelivery> WebhookDeliveries => Set<Features.Webhooks.WebhookDelivery>();
    public DbSet<Features.Webhooks.WebhookAttempt> WebhookAttempts => Set<Features.Webhooks.WebhookAttempt>();
    public DbSet<Payout> Payouts => Set<Payout>();
    public DbSet<ArrearsHandover> ArrearsHandovers => Set<ArrearsHandover>();
    public DbSet<Features.Onboarding.TenantMove> TenantMoves => Set<Features.Onboarding.TenantMove>();
    public DbSet<Features.Import.ImportRun> ImportRuns => Set<Features.Import.ImportRun>();
    public DbSet<Domain.Family.WalletAccessGrant> WalletAccessGrants => Set<Domain.Family.WalletAccessGrant>();
    public DbSet<Domain.Family.SpendBudget> SpendBudgets => Set<Domain.Family.SpendBudget>();
    public DbSet<Domain.Family.WalletGroup> WalletGroups => Set<Domain.Family.WalletGroup>();
    public DbSet<Domain.Settlement.Payee> Payees => Set<Domain.Settlement.Payee>();
    public DbSet<Domain.Settlement.SettlementRuleVersion> SettlementRuleVersions => Set<Domain.Settlement.SettlementRuleVersion>();
    public DbSet<Domain.Settlement.SettlementRun> SettlementRuns => Set<Domain.Settlement.SettlementRun>();
    public DbSet<Domain.Settlement.SettlementRunLine> SettlementRunLines => Set<Domain.Settlement.SettlementRunLine>();
    public DbSet<Domain.Settlement.PayoutBatch> PayoutBatches => Set<Domain.Settlement.PayoutBatch>();
    public DbSet<Domain.Settlement.PayoutBatchLine> PayoutBatchLines => Set<Domain.Settlement.PayoutBatchLine>();

    /// <summary>Tables whose past versions are kept: temporal on SQL Server, trigger-fed history tables on SQLite.</summary>
    public static readonly Type[] VersionedTypes =
        [typeof(Estate), typeof(EstateSettings), typeof(Unit), typeof(Person), typeof(Ownership), typeof(Tenancy), typeof(Meter), typeof(Gateway), typeof(Tariff), typeof(Wallet), typeof(WalletPocket),
         typeof(Domain.Family.WalletAccessGrant), typeof(Domain.Family.SpendBudget)];

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        configurationBuilder.Properties<decimal>().HavePrecision(18, 4);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(QuantifyDbContext).Assembly, t => t.Namespace == typeof(Configurations.EstateConfiguration).Namespace);

        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(IAuditable).IsAssignableFrom(e.ClrType)).ToList())
        {
            builder.Entity(entity.ClrType).HasOne(typeof(ApplicationUser)).WithMany().HasForeignKey(nameof(IAuditable.CreatedById))
                .OnDelete(DeleteBehavior.Restrict).HasAnnotation(RelationshipPolicy.ReasonAnnotation, RelationshipPolicy.UsersNeverDeleted);
            builder.Entity(entity.ClrType).HasOne(typeof(ApplicationUser)).WithMany().HasForeignKey(nameof(IAuditable.UpdatedById))
                .OnDelete(DeleteBehavior.Restrict).HasAnnotation(RelationshipPolicy.ReasonAnnotation, RelationshipPolicy.UsersNeverDeleted);
        }

        // ASP.NET Identity's own tables: claims, logins, tokens and role links are dependent login data.
        foreach (var fk in builder.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys())
                     .Where(fk => fk.FindAnnotation(RelationshipPolicy.ReasonAnnotation) is null
                                  && fk.DeclaringEntityType.ClrType.Namespace!.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal)))
        {
            fk.SetAnnotation(RelationshipPolicy.ReasonAnnotation, "ASP.NET Identity login data of a user or role (users themselves are never deleted).");
        }

        ConfigureProvider(builder);
    }

    /// <summary>Provider-specific model choices (temporal tables, filtered-index syntax).</summary>
    protected abstract void ConfigureProvider(ModelBuilder builder);

    /// <summary>The audit writer, when the context was configured with one (the application's contexts always are).</summary>
    private Interceptors.AuditInterceptor? Audit =>
        audit ??= contextOptions.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors?.OfType<Interceptors.AuditInterceptor>().FirstOrDefault();

    private Interceptors.AuditInterceptor? audit;
    private readonly DbContextOptions contextOptions = options;

    /// <summary>Saves, then writes audit entries with the keys the database assigned, in the same transaction.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        Audit is { } writer ? writer.Save(this, acceptAllChangesOnSuccess, accept => base.SaveChanges(accept)) : base.SaveChanges(acceptAllChangesOnSuccess);

    /// <inheritdoc cref="SaveChanges(bool)"/>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default) =>
        Audit is { } writer
            ? writer.SaveAsync(this, acceptAllChangesOnSuccess, (accept, ct) => base.SaveChangesAsync(accept, ct), cancellationToken)
            : base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
}

public sealed class SqliteQuantifyDbContext(DbContextOptions<SqliteQuantifyDbContext> options) : QuantifyDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset text; store UTC ticks so history and range queries work in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }

    protected override void ConfigureProvider(ModelBuilder builder)
    {
        // History on SQLite is kept by triggers (see Temporal/SqliteHistory.cs), not by the model.
    }
}

public sealed class SqlServerQuantifyDbContext(DbContextOptions<SqlServerQuantifyDbContext> options) : QuantifyDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

    protected override void ConfigureProvider(ModelBuilder builder)
    {
        // EF Core 7+ inserts with OUTPUT (no INTO), which SQL Server refuses on a table with an enabled trigger: every
        // trigger the baseline creates from Data/Sql/SqlServer/ is declared here, so EF writes those tables without OUTPUT.
        foreach (var trigger in Sql.DatabaseScripts.SqlServerTriggers())
        {
            var entity = builder.Model.GetEntityTypes().Single(e => e.GetTableName() == trigger.Table);
            builder.Entity(entity.ClrType).ToTable(trigger.Table, t => t.HasTrigger(trigger.Name));
        }

        foreach (var type in VersionedTypes)
        {
            var entity = builder.Entity(type);
            var table = entity.Metadata.GetTableName()!;
            entity.ToTable(table, t => t.IsTemporal(h =>
            {
                h.UseHistoryTable(table + "History");
                h.HasPeriodStart("PeriodStart");
                h.HasPeriodEnd("PeriodEnd");
            }));
        }
    }
}
