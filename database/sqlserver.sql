IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [DeadLetters] (
        [Id] bigint NOT NULL IDENTITY,
        [ReceivedAt] datetimeoffset NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [Topic] nvarchar(300) NOT NULL,
        [Payload] varbinary(max) NOT NULL,
        [Reason] nvarchar(1000) NOT NULL,
        [MessageId] nvarchar(100) NULL,
        [Status] nvarchar(32) NOT NULL,
        [ReplayCount] int NOT NULL,
        [LastReplayedAt] datetimeoffset NULL,
        [LastReplayResult] nvarchar(1000) NULL,
        CONSTRAINT [PK_DeadLetters] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [JobRuns] (
        [Id] bigint NOT NULL IDENTITY,
        [JobName] nvarchar(100) NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NULL,
        [Succeeded] bit NOT NULL,
        [Summary] nvarchar(1000) NULL,
        CONSTRAINT [PK_JobRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [PaymentRejections] (
        [Id] bigint NOT NULL IDENTITY,
        [ReceivedAt] datetimeoffset NOT NULL,
        [SourceIp] nvarchar(64) NULL,
        [Reference] nvarchar(40) NULL,
        [PfPaymentId] nvarchar(40) NULL,
        [Reason] nvarchar(500) NOT NULL,
        [RawBody] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_PaymentRejections] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ReconciliationResults] (
        [Id] bigint NOT NULL IDENTITY,
        [Day] date NOT NULL,
        [Check] nvarchar(40) NOT NULL,
        [Passed] bit NOT NULL,
        [Summary] nvarchar(1000) NOT NULL,
        [Details] nvarchar(max) NOT NULL,
        [RanAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ReconciliationResults] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [TransactionNumberSequences] (
        [Year] int NOT NULL,
        [Last] bigint NOT NULL,
        CONSTRAINT [PK_TransactionNumberSequences] PRIMARY KEY ([Year])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AccessInvitations] (
        [Id] int NOT NULL IDENTITY,
        [Email] nvarchar(120) NOT NULL,
        [DisplayName] nvarchar(120) NOT NULL,
        [Role] nvarchar(32) NOT NULL,
        [EstateIds] nvarchar(max) NOT NULL,
        [UnitIds] nvarchar(max) NOT NULL,
        [TokenHash] nvarchar(128) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [AcceptedAt] datetimeoffset NULL,
        [CreatedById] nvarchar(450) NULL,
        [UserId] nvarchar(450) NULL,
        [SendCount] int NOT NULL,
        CONSTRAINT [PK_AccessInvitations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ApiKeyEstates] (
        [ApiKeyId] int NOT NULL,
        [EstateId] int NOT NULL,
        CONSTRAINT [PK_ApiKeyEstates] PRIMARY KEY ([ApiKeyId], [EstateId])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ApiKeys] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Prefix] nvarchar(16) NOT NULL,
        [SecretHash] nchar(64) NOT NULL,
        [OwnerId] nvarchar(450) NOT NULL,
        [Permissions] nvarchar(500) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevokedById] nvarchar(450) NULL,
        [LastUsedAt] datetimeoffset NULL,
        CONSTRAINT [PK_ApiKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ArchivedRecords] (
        [Id] bigint NOT NULL IDENTITY,
        [EntityType] nvarchar(100) NOT NULL,
        [EntityId] nvarchar(64) NOT NULL,
        [SnapshotJson] nvarchar(max) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [ArchivedAt] datetimeoffset NOT NULL,
        [ArchivedById] nvarchar(450) NULL,
        [RestoredAt] datetimeoffset NULL,
        CONSTRAINT [PK_ArchivedRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ArrearsEscalations] (
        [Id] bigint NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [WalletId] int NOT NULL,
        [Pocket] nvarchar(32) NOT NULL,
        [EpisodeStartSequence] bigint NOT NULL,
        [ArrearsSince] date NOT NULL,
        [Step] nvarchar(32) NOT NULL,
        [DaysInArrears] int NOT NULL,
        [Balance] decimal(18,2) NOT NULL,
        [TakenAt] datetimeoffset NOT NULL,
        [Detail] nvarchar(500) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_ArrearsEscalations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ArrearsHandovers] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [TenancyId] int NULL,
        [Amount] decimal(18,2) NOT NULL,
        [HandedOverOn] date NOT NULL,
        [SettlementTransactionId] bigint NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_ArrearsHandovers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ArrearsRules] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Enabled] bit NOT NULL,
        [WarningDays] int NOT NULL,
        [RestrictionDays] int NOT NULL,
        [SuspensionDays] int NOT NULL,
        [HandToAgentDays] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_ArrearsRules] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [PersonId] int NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [LastLoginAt] datetimeoffset NULL,
        [DeactivatedAt] datetimeoffset NULL,
        [NotifyByEmail] bit NOT NULL,
        [NotifyBySms] bit NOT NULL,
        [NotifyByPush] bit NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [UserId] nvarchar(450) NULL,
        [IpAddress] nvarchar(64) NULL,
        [EntityType] nvarchar(100) NOT NULL,
        [EntityId] nvarchar(64) NOT NULL,
        [Action] nvarchar(32) NOT NULL,
        [ChangesJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AuditEntries_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Estates] (
        [Id] int NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Address] nvarchar(255) NULL,
        [City] nvarchar(100) NULL,
        [Province] nvarchar(100) NULL,
        [PostalCode] nvarchar(20) NULL,
        [Country] nvarchar(100) NOT NULL,
        [IsActive] bit NOT NULL,
        [ArchivedAt] datetimeoffset NULL,
        [ArchiveReason] nvarchar(500) NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Estates] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Estates_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Estates_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema + N'.[EstatesHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema1 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Persons] (
        [Id] int NOT NULL IDENTITY,
        [FirstName] nvarchar(50) NOT NULL,
        [LastName] nvarchar(50) NOT NULL,
        [IdDocumentType] nvarchar(32) NOT NULL,
        [IdNumber] nvarchar(20) NULL,
        [Email] nvarchar(120) NULL,
        [Phone] nvarchar(20) NULL,
        [AlternativePhone] nvarchar(20) NULL,
        [DateOfBirth] date NULL,
        [IsActive] bit NOT NULL,
        [AnonymisedAt] datetimeoffset NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Persons] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Persons_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Persons_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema1 + N'.[PersonsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [EstateAssignments] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [EstateId] int NOT NULL,
        [Role] nvarchar(32) NOT NULL,
        [AssignedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_EstateAssignments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EstateAssignments_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_EstateAssignments_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema2 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [EstateSettings] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [LowBalanceThreshold] decimal(18,2) NOT NULL,
        [MinimumActivationAmount] decimal(18,2) NOT NULL,
        [WaterDebtCap] decimal(18,2) NOT NULL,
        [LossThresholdPercent] decimal(9,4) NOT NULL,
        [FriendlyHoursStart] time NOT NULL,
        [FriendlyHoursEnd] time NOT NULL,
        [NoDisconnectOnWeekends] bit NOT NULL,
        [NoDisconnectOnPublicHolidays] bit NOT NULL,
        [TimeZone] nvarchar(64) NOT NULL,
        [DefaultElectricitySharePercent] decimal(9,4) NOT NULL,
        [WallLinkVersion] int NOT NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        CONSTRAINT [PK_EstateSettings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EstateSettings_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE CASCADE,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema2 + N'.[EstateSettingsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [FinancialPeriods] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Year] int NOT NULL,
        [Month] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [ClosedAt] datetimeoffset NULL,
        [ClosedById] nvarchar(450) NULL,
        [LockedAt] datetimeoffset NULL,
        [ReopenReason] nvarchar(500) NULL,
        CONSTRAINT [PK_FinancialPeriods] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FinancialPeriods_AspNetUsers_ClosedById] FOREIGN KEY ([ClosedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_FinancialPeriods_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema3 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Gateways] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Code] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Endpoint] nvarchar(200) NULL,
        [PollIntervalSeconds] int NOT NULL,
        [KeyVersion] int NOT NULL,
        [IsActive] bit NOT NULL,
        [ReportsEstateWide] bit NOT NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Gateways] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Gateways_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Gateways_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Gateways_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema3 + N'.[GatewaysHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [ImportRuns] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(30) NOT NULL,
        [EstateId] int NULL,
        [FileName] nvarchar(260) NOT NULL,
        [FileSize] bigint NOT NULL,
        [FileBytes] varbinary(max) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [StartedAt] datetimeoffset NOT NULL,
        [FinishedAt] datetimeoffset NOT NULL,
        [Total] int NOT NULL,
        [Created] int NOT NULL,
        [Updated] int NOT NULL,
        [Unchanged] int NOT NULL,
        [Failed] int NOT NULL,
        [Errors] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_ImportRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ImportRuns_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ImportRuns_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [LedgerTransactions] (
        [Id] bigint NOT NULL IDENTITY,
        [Number] nvarchar(32) NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [ValueDate] date NOT NULL,
        [PostedAt] datetimeoffset NOT NULL,
        [Description] nvarchar(500) NOT NULL,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [ContentHash] nvarchar(64) NOT NULL,
        [ReversesId] bigint NULL,
        [PostedById] nvarchar(450) NULL,
        [EstateId] int NULL,
        [OriginalValueDate] date NULL,
        CONSTRAINT [PK_LedgerTransactions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerTransactions_AspNetUsers_PostedById] FOREIGN KEY ([PostedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerTransactions_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerTransactions_LedgerTransactions_ReversesId] FOREIGN KEY ([ReversesId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [LevySchedules] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Frequency] nvarchar(32) NOT NULL,
        [Method] nvarchar(32) NOT NULL,
        [EffectiveFrom] date NOT NULL,
        [EffectiveTo] date NULL,
        [Version] int NOT NULL,
        [PreviousVersionId] int NULL,
        [IsActive] bit NOT NULL,
        [DeactivatedOn] date NULL,
        [CustomAmountsJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_LevySchedules] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_LevySchedules_Dates] CHECK ([EffectiveTo] IS NULL OR [EffectiveTo] > [EffectiveFrom]),
        CONSTRAINT [FK_LevySchedules_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LevySchedules_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LevySchedules_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LevySchedules_LevySchedules_PreviousVersionId] FOREIGN KEY ([PreviousVersionId]) REFERENCES [LevySchedules] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Payees] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [BankName] nvarchar(60) NOT NULL,
        [BranchCode] nvarchar(6) NOT NULL,
        [AccountNumber] nvarchar(16) NOT NULL,
        [BeneficiaryReference] nvarchar(16) NOT NULL,
        [IsActive] bit NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Payees] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payees_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payees_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payees_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema4 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Units] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitNumber] nvarchar(50) NOT NULL,
        [Floor] nvarchar(20) NULL,
        [Building] nvarchar(50) NULL,
        [Bedrooms] int NULL,
        [Bathrooms] int NULL,
        [SizeSqm] decimal(10,2) NULL,
        [ParticipationQuota] decimal(9,4) NULL,
        [Occupancy] nvarchar(32) NOT NULL,
        [PaymentReference] nvarchar(20) NOT NULL,
        [IsActive] bit NOT NULL,
        [FreeBasicRegistered] bit NOT NULL,
        [ArchivedAt] datetimeoffset NULL,
        [ArchiveReason] nvarchar(500) NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Units] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Units_ParticipationQuota] CHECK ([ParticipationQuota] IS NULL OR (CAST([ParticipationQuota] AS REAL) >= 0 AND CAST([ParticipationQuota] AS REAL) <= 100)),
        CONSTRAINT [FK_Units_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Units_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Units_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema4 + N'.[UnitsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WebhookSubscriptions] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [TargetUrl] nvarchar(2000) NOT NULL,
        [EventTypes] nvarchar(400) NOT NULL,
        [Secret] nvarchar(1000) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Description] nvarchar(200) NULL,
        [CreatedById] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DeactivatedAt] datetimeoffset NULL,
        [DeactivatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_WebhookSubscriptions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookSubscriptions_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WebhookSubscriptions_AspNetUsers_DeactivatedById] FOREIGN KEY ([DeactivatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WebhookSubscriptions_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WalletGroups] (
        [Id] int NOT NULL IDENTITY,
        [PayerPersonId] int NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Rule] nvarchar(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_WalletGroups] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WalletGroups_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletGroups_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletGroups_Persons_PayerPersonId] FOREIGN KEY ([PayerPersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [EstateFeatureFlags] (
        [Id] int NOT NULL IDENTITY,
        [EstateSettingsId] int NOT NULL,
        [Feature] nvarchar(64) NOT NULL,
        [Enabled] bit NOT NULL,
        CONSTRAINT [PK_EstateFeatureFlags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_EstateFeatureFlags_EstateSettings_EstateSettingsId] FOREIGN KEY ([EstateSettingsId]) REFERENCES [EstateSettings] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [SettlementRuns] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Year] int NOT NULL,
        [Month] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Total] decimal(18,2) NOT NULL,
        [RunAt] datetimeoffset NOT NULL,
        [RunById] nvarchar(450) NULL,
        [TransactionId] bigint NULL,
        [ReversalTransactionId] bigint NULL,
        [ReversedAt] datetimeoffset NULL,
        [ReversedById] nvarchar(450) NULL,
        [ReversalReason] nvarchar(500) NULL,
        CONSTRAINT [PK_SettlementRuns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SettlementRuns_AspNetUsers_ReversedById] FOREIGN KEY ([ReversedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuns_AspNetUsers_RunById] FOREIGN KEY ([RunById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuns_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuns_LedgerTransactions_ReversalTransactionId] FOREIGN KEY ([ReversalTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuns_LedgerTransactions_TransactionId] FOREIGN KEY ([TransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [SettlementRuleVersions] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [Utility] nvarchar(32) NOT NULL,
        [EffectiveFrom] date NOT NULL,
        [EffectiveTo] date NULL,
        [VatPayeeId] int NOT NULL,
        [RemainderPayeeId] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        [SharesJson] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_SettlementRuleVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SettlementRuleVersions_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuleVersions_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuleVersions_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuleVersions_Payees_RemainderPayeeId] FOREIGN KEY ([RemainderPayeeId]) REFERENCES [Payees] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRuleVersions_Payees_VatPayeeId] FOREIGN KEY ([VatPayeeId]) REFERENCES [Payees] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [BankDeposits] (
        [Id] bigint NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NULL,
        [Reference] nvarchar(100) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [DepositDate] date NOT NULL,
        [BankLineId] nvarchar(100) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [RecordedById] nvarchar(450) NOT NULL,
        [RecordedAt] datetimeoffset NOT NULL,
        [ApprovedById] nvarchar(450) NULL,
        [ApprovedAt] datetimeoffset NULL,
        [LedgerTransactionId] bigint NULL,
        [Note] nvarchar(500) NULL,
        CONSTRAINT [PK_BankDeposits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_BankDeposits_AspNetUsers_ApprovedById] FOREIGN KEY ([ApprovedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BankDeposits_AspNetUsers_RecordedById] FOREIGN KEY ([RecordedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BankDeposits_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BankDeposits_LedgerTransactions_LedgerTransactionId] FOREIGN KEY ([LedgerTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_BankDeposits_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Invitations] (
        [Id] int NOT NULL IDENTITY,
        [PersonId] int NOT NULL,
        [UnitId] int NULL,
        [Email] nvarchar(120) NOT NULL,
        [Role] nvarchar(32) NOT NULL,
        [TokenHash] nvarchar(128) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [AcceptedAt] datetimeoffset NULL,
        [CreatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invitations_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Invitations_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Invitations_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema5 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Meters] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NULL,
        [SerialNumber] nvarchar(100) NOT NULL,
        [Type] nvarchar(32) NOT NULL,
        [Comms] nvarchar(32) NOT NULL,
        [DeviceEui] nchar(16) NULL,
        [Manufacturer] nvarchar(100) NULL,
        [Model] nvarchar(100) NULL,
        [FirmwareVersion] nvarchar(50) NULL,
        [InstallationDate] date NULL,
        [IsPrepaid] bit NOT NULL,
        [ModbusAddress] int NULL,
        [GatewayId] int NULL,
        [IsActive] bit NOT NULL,
        [DecommissionedAt] datetimeoffset NULL,
        [DecommissionReason] nvarchar(500) NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Meters] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Meters_ModbusAddress] CHECK ([ModbusAddress] IS NULL OR ([ModbusAddress] >= 1 AND [ModbusAddress] <= 247)),
        CONSTRAINT [FK_Meters_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Meters_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Meters_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Meters_Gateways_GatewayId] FOREIGN KEY ([GatewayId]) REFERENCES [Gateways] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Meters_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE SET NULL,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema5 + N'.[MetersHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Notifications] (
        [Id] bigint NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [UnitId] int NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Channel] nvarchar(32) NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Body] nvarchar(4000) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ReadAt] datetimeoffset NULL,
        [DeliveredAt] datetimeoffset NULL,
        CONSTRAINT [PK_Notifications] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Notifications_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Notifications_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema6 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Ownerships] (
        [Id] int NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [StartDate] date NOT NULL,
        [EndDate] date NULL,
        [SharePercent] decimal(9,4) NOT NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Ownerships] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Ownerships_Dates] CHECK ([EndDate] IS NULL OR [EndDate] >= [StartDate]),
        CONSTRAINT [FK_Ownerships_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Ownerships_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Ownerships_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Ownerships_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema6 + N'.[OwnershipsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema7 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [SpendBudgets] (
        [Id] int NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [Pocket] nvarchar(32) NOT NULL,
        [Period] nvarchar(32) NOT NULL,
        [Limit] decimal(18,2) NOT NULL,
        [Mode] nvarchar(32) NOT NULL,
        [WarnedFor] date NULL,
        [ReachedFor] date NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_SpendBudgets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SpendBudgets_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SpendBudgets_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SpendBudgets_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema7 + N'.[SpendBudgetsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema8 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Tariffs] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NULL,
        [Utility] nvarchar(32) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Version] int NOT NULL,
        [EffectiveFrom] date NOT NULL,
        [EffectiveTo] date NULL,
        [RulesJson] nvarchar(max) NOT NULL,
        [IsRetired] bit NOT NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Tariffs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Tariffs_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tariffs_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tariffs_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tariffs_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema8 + N'.[TariffsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema9 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Tenancies] (
        [Id] int NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Role] nvarchar(32) NOT NULL,
        [StartDate] date NOT NULL,
        [EndDate] date NULL,
        [MonthlySpendLimit] decimal(18,2) NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Tenancies] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Tenancies_Dates] CHECK ([EndDate] IS NULL OR [EndDate] >= [StartDate]),
        CONSTRAINT [FK_Tenancies_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tenancies_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tenancies_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tenancies_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema9 + N'.[TenanciesHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Tickets] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NULL,
        [ReportedByPersonId] int NULL,
        [AssignedToUserId] nvarchar(450) NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Description] nvarchar(4000) NULL,
        [Status] nvarchar(32) NOT NULL,
        [Priority] nvarchar(32) NOT NULL,
        [ClosedAt] datetimeoffset NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Tickets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Tickets_AspNetUsers_AssignedToUserId] FOREIGN KEY ([AssignedToUserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Tickets_Persons_ReportedByPersonId] FOREIGN KEY ([ReportedByPersonId]) REFERENCES [Persons] ([Id]) ON DELETE SET NULL,
        CONSTRAINT [FK_Tickets_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE SET NULL
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema10 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [Wallets] (
        [Id] int NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Wallets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Wallets_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Wallets_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Wallets_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema10 + N'.[WalletsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WebhookDeliveries] (
        [Id] bigint NOT NULL IDENTITY,
        [EventId] uniqueidentifier NOT NULL,
        [SubscriptionId] int NOT NULL,
        [EstateId] int NOT NULL,
        [EventType] nvarchar(40) NOT NULL,
        [EventKey] nvarchar(200) NOT NULL,
        [Payload] nvarchar(max) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Attempts] int NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [LastAttemptAt] datetimeoffset NULL,
        [LastStatusCode] int NULL,
        [LastError] nvarchar(1000) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DeliveredAt] datetimeoffset NULL,
        CONSTRAINT [PK_WebhookDeliveries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookDeliveries_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId] FOREIGN KEY ([SubscriptionId]) REFERENCES [WebhookSubscriptions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Payments] (
        [Id] bigint NOT NULL IDENTITY,
        [Reference] nvarchar(40) NOT NULL,
        [UnitId] int NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Allocation] nvarchar(200) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [PfPaymentId] nvarchar(40) NULL,
        [LedgerTransactionId] bigint NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CompletedAt] datetimeoffset NULL,
        [CreatedById] nvarchar(450) NULL,
        [WalletGroupId] int NULL,
        [GroupAllocation] nvarchar(2000) NULL,
        CONSTRAINT [PK_Payments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payments_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payments_LedgerTransactions_LedgerTransactionId] FOREIGN KEY ([LedgerTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payments_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payments_WalletGroups_WalletGroupId] FOREIGN KEY ([WalletGroupId]) REFERENCES [WalletGroups] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WalletGroupMembers] (
        [Id] int NOT NULL IDENTITY,
        [WalletGroupId] int NOT NULL,
        [UnitId] int NOT NULL,
        [Position] int NOT NULL,
        [FixedAmount] decimal(18,2) NULL,
        [TargetBalance] decimal(18,2) NULL,
        CONSTRAINT [PK_WalletGroupMembers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WalletGroupMembers_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletGroupMembers_WalletGroups_WalletGroupId] FOREIGN KEY ([WalletGroupId]) REFERENCES [WalletGroups] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [PayoutBatches] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [RunId] int NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [MakerId] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ApprovedById] nvarchar(450) NULL,
        [ApprovedAt] datetimeoffset NULL,
        CONSTRAINT [PK_PayoutBatches] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PayoutBatches_AspNetUsers_ApprovedById] FOREIGN KEY ([ApprovedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatches_AspNetUsers_MakerId] FOREIGN KEY ([MakerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatches_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatches_SettlementRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [SettlementRuns] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [SettlementRunLines] (
        [Id] bigint NOT NULL IDENTITY,
        [RunId] int NOT NULL,
        [PayeeId] int NOT NULL,
        [Utility] nvarchar(32) NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Description] nvarchar(300) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_SettlementRunLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SettlementRunLines_Payees_PayeeId] FOREIGN KEY ([PayeeId]) REFERENCES [Payees] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_SettlementRunLines_SettlementRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [SettlementRuns] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [SettlementRunSources] (
        [Id] bigint NOT NULL IDENTITY,
        [RunId] int NOT NULL,
        [AccountCode] nvarchar(64) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_SettlementRunSources] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SettlementRunSources_SettlementRuns_RunId] FOREIGN KEY ([RunId]) REFERENCES [SettlementRuns] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [DeviceCommands] (
        [Id] bigint NOT NULL IDENTITY,
        [MeterId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [RequestedById] nvarchar(max) NULL,
        [QueuedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [NextAttemptAt] datetimeoffset NULL,
        [SentAt] datetimeoffset NULL,
        [AcknowledgedAt] datetimeoffset NULL,
        [Attempts] int NOT NULL,
        [LastError] nvarchar(1000) NULL,
        [CorrelationId] nvarchar(100) NULL,
        CONSTRAINT [PK_DeviceCommands] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_DeviceCommands_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [MeterAlerts] (
        [Id] bigint NOT NULL IDENTITY,
        [MeterId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Severity] nvarchar(32) NOT NULL,
        [Message] nvarchar(500) NOT NULL,
        [RaisedAt] datetimeoffset NOT NULL,
        [AcknowledgedAt] datetimeoffset NULL,
        [AcknowledgedById] nvarchar(max) NULL,
        [ResolvedAt] datetimeoffset NULL,
        CONSTRAINT [PK_MeterAlerts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeterAlerts_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [MeterPollStatuses] (
        [MeterId] int NOT NULL,
        [LastPollAt] datetimeoffset NULL,
        [LastSuccessAt] datetimeoffset NULL,
        [LastErrorAt] datetimeoffset NULL,
        [LastError] nvarchar(500) NULL,
        [ConsecutiveFailures] int NOT NULL,
        CONSTRAINT [PK_MeterPollStatuses] PRIMARY KEY ([MeterId]),
        CONSTRAINT [FK_MeterPollStatuses_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [MeterReadings] (
        [Id] bigint NOT NULL IDENTITY,
        [MeterId] int NOT NULL,
        [ReadAt] datetimeoffset NOT NULL,
        [ReceivedAt] datetimeoffset NOT NULL,
        [Register] decimal(18,3) NOT NULL,
        [Consumption] decimal(18,3) NULL,
        [DedupeKey] nvarchar(100) NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [Amount] decimal(18,2) NULL,
        [RelayClosed] bit NULL,
        [TemperatureC] decimal(6,2) NULL,
        [Leak] bit NOT NULL,
        [Tamper] bit NOT NULL,
        [HoldReason] nvarchar(32) NULL,
        [DeviceReadAt] datetimeoffset NULL,
        [ResolvedAt] datetimeoffset NULL,
        CONSTRAINT [PK_MeterReadings] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MeterReadings_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [MeterStates] (
        [MeterId] int NOT NULL,
        [CommsStatus] nvarchar(32) NOT NULL,
        [LastReading] decimal(18,3) NULL,
        [LastReadingAt] datetimeoffset NULL,
        [LastSeenAt] datetimeoffset NULL,
        [BatteryPercent] int NULL,
        [RelayClosed] bit NOT NULL,
        [BillingMonth] date NULL,
        [BillingMonthQuantity] decimal(18,6) NOT NULL,
        [BillingMonthFreeBasicUsed] decimal(18,6) NOT NULL,
        [BillingMonthCostUnrounded] decimal(28,12) NULL,
        CONSTRAINT [PK_MeterStates] PRIMARY KEY ([MeterId]),
        CONSTRAINT [FK_MeterStates_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [Payouts] (
        [Id] int NOT NULL IDENTITY,
        [EstateId] int NOT NULL,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [TenancyId] int NULL,
        [Amount] decimal(18,2) NOT NULL,
        [BankDetailsReference] nvarchar(200) NULL,
        [Status] nvarchar(32) NOT NULL,
        [SettlementTransactionId] bigint NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [PaidById] nvarchar(450) NULL,
        [PaymentReference] nvarchar(100) NULL,
        [PaymentTransactionId] bigint NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_Payouts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Payouts_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_AspNetUsers_PaidById] FOREIGN KEY ([PaidById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_LedgerTransactions_PaymentTransactionId] FOREIGN KEY ([PaymentTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_LedgerTransactions_SettlementTransactionId] FOREIGN KEY ([SettlementTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Tenancies_TenancyId] FOREIGN KEY ([TenancyId]) REFERENCES [Tenancies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Payouts_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [TenantMoves] (
        [Id] int NOT NULL IDENTITY,
        [IdempotencyKey] nvarchar(200) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [TenancyId] int NOT NULL,
        [ResultJson] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_TenantMoves] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TenantMoves_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TenantMoves_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TenantMoves_Tenancies_TenancyId] FOREIGN KEY ([TenancyId]) REFERENCES [Tenancies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_TenantMoves_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema11 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [WalletAccessGrants] (
        [Id] int NOT NULL IDENTITY,
        [UnitId] int NOT NULL,
        [PersonId] int NOT NULL,
        [Level] nvarchar(32) NOT NULL,
        [CapPerTopUp] decimal(18,2) NULL,
        [CapPerMonth] decimal(18,2) NULL,
        [GrantedAt] datetimeoffset NOT NULL,
        [GrantedById] nvarchar(450) NULL,
        [RevokedAt] datetimeoffset NULL,
        [RevokedById] nvarchar(450) NULL,
        [MigratedFromTenancyId] int NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_WalletAccessGrants] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WalletAccessGrants_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_AspNetUsers_GrantedById] FOREIGN KEY ([GrantedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_AspNetUsers_RevokedById] FOREIGN KEY ([RevokedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_Tenancies_MigratedFromTenancyId] FOREIGN KEY ([MigratedFromTenancyId]) REFERENCES [Tenancies] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletAccessGrants_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema11 + N'.[WalletAccessGrantsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [LedgerAccounts] (
        [Id] int NOT NULL IDENTITY,
        [Code] nvarchar(64) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [EstateId] int NULL,
        [WalletId] int NULL,
        [Pocket] nvarchar(32) NULL,
        [Balance] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_LedgerAccounts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerAccounts_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerAccounts_Wallets_WalletId] FOREIGN KEY ([WalletId]) REFERENCES [Wallets] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WalletChains] (
        [WalletId] int NOT NULL,
        [Length] bigint NOT NULL,
        [Head] nchar(64) NOT NULL,
        CONSTRAINT [PK_WalletChains] PRIMARY KEY ([WalletId]),
        CONSTRAINT [FK_WalletChains_Wallets_WalletId] FOREIGN KEY ([WalletId]) REFERENCES [Wallets] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    DECLARE @historyTableSchema12 nvarchar(max) = QUOTENAME(SCHEMA_NAME())
    EXEC(N'CREATE TABLE [WalletPockets] (
        [Id] int NOT NULL IDENTITY,
        [WalletId] int NOT NULL,
        [Pocket] nvarchar(32) NOT NULL,
        [LowBalanceThreshold] decimal(18,2) NOT NULL,
        [MinimumActivationAmount] decimal(18,2) NOT NULL,
        [CreditLimit] decimal(18,2) NOT NULL,
        [IsSuspended] bit NOT NULL,
        [SuspendedReason] nvarchar(500) NULL,
        [PeriodEnd] datetime2 GENERATED ALWAYS AS ROW END HIDDEN NOT NULL,
        [PeriodStart] datetime2 GENERATED ALWAYS AS ROW START HIDDEN NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_WalletPockets] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WalletPockets_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletPockets_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_WalletPockets_Wallets_WalletId] FOREIGN KEY ([WalletId]) REFERENCES [Wallets] ([Id]) ON DELETE NO ACTION,
        PERIOD FOR SYSTEM_TIME([PeriodStart], [PeriodEnd])
    ) WITH (SYSTEM_VERSIONING = ON (HISTORY_TABLE = ' + @historyTableSchema12 + N'.[WalletPocketsHistory]))');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [WebhookAttempts] (
        [Id] bigint NOT NULL IDENTITY,
        [DeliveryId] bigint NOT NULL,
        [Number] int NOT NULL,
        [AttemptedAt] datetimeoffset NOT NULL,
        [StatusCode] int NULL,
        [Error] nvarchar(1000) NULL,
        [DurationMs] int NOT NULL,
        CONSTRAINT [PK_WebhookAttempts] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_WebhookAttempts_WebhookDeliveries_DeliveryId] FOREIGN KEY ([DeliveryId]) REFERENCES [WebhookDeliveries] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [PayoutBatchLines] (
        [Id] bigint NOT NULL IDENTITY,
        [BatchId] int NOT NULL,
        [PayeeId] int NOT NULL,
        [Owed] decimal(18,2) NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [Reference] nvarchar(16) NOT NULL,
        [PaidAt] datetimeoffset NULL,
        [PaidById] nvarchar(450) NULL,
        [BankReference] nvarchar(60) NULL,
        [TransactionId] bigint NULL,
        CONSTRAINT [PK_PayoutBatchLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PayoutBatchLines_AspNetUsers_PaidById] FOREIGN KEY ([PaidById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatchLines_LedgerTransactions_TransactionId] FOREIGN KEY ([TransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatchLines_Payees_PayeeId] FOREIGN KEY ([PayeeId]) REFERENCES [Payees] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PayoutBatchLines_PayoutBatches_BatchId] FOREIGN KEY ([BatchId]) REFERENCES [PayoutBatches] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [RelayHolds] (
        [Id] bigint NOT NULL IDENTITY,
        [MeterId] int NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Reason] nvarchar(500) NOT NULL,
        [CommandId] bigint NULL,
        [HeldById] nvarchar(450) NULL,
        [HeldAt] datetimeoffset NOT NULL,
        [ReleasedById] nvarchar(450) NULL,
        [ReleasedAt] datetimeoffset NULL,
        [ReleaseReason] nvarchar(500) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedById] nvarchar(450) NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedById] nvarchar(450) NULL,
        CONSTRAINT [PK_RelayHolds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RelayHolds_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RelayHolds_AspNetUsers_HeldById] FOREIGN KEY ([HeldById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RelayHolds_AspNetUsers_ReleasedById] FOREIGN KEY ([ReleasedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RelayHolds_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RelayHolds_DeviceCommands_CommandId] FOREIGN KEY ([CommandId]) REFERENCES [DeviceCommands] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_RelayHolds_Meters_MeterId] FOREIGN KEY ([MeterId]) REFERENCES [Meters] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [LedgerLines] (
        [Id] bigint NOT NULL IDENTITY,
        [TransactionId] bigint NOT NULL,
        [AccountId] int NOT NULL,
        [Amount] decimal(18,2) NOT NULL,
        [WalletId] int NULL,
        [Sequence] bigint NULL,
        [PreviousHash] nchar(64) NULL,
        [Hash] nchar(64) NULL,
        CONSTRAINT [PK_LedgerLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LedgerLines_LedgerAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [LedgerAccounts] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerLines_LedgerTransactions_TransactionId] FOREIGN KEY ([TransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_LedgerLines_Wallets_WalletId] FOREIGN KEY ([WalletId]) REFERENCES [Wallets] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE TABLE [PeriodBalances] (
        [Id] bigint NOT NULL IDENTITY,
        [PeriodId] int NOT NULL,
        [AccountId] int NOT NULL,
        [Balance] decimal(18,2) NOT NULL,
        CONSTRAINT [PK_PeriodBalances] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PeriodBalances_FinancialPeriods_PeriodId] FOREIGN KEY ([PeriodId]) REFERENCES [FinancialPeriods] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PeriodBalances_LedgerAccounts_AccountId] FOREIGN KEY ([AccountId]) REFERENCES [LedgerAccounts] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] ON;
    EXEC(N'INSERT INTO [AspNetRoles] ([Id], [ConcurrencyStamp], [Name], [NormalizedName])
    VALUES (N''role-admin'', N''role-admin'', N''Admin'', N''ADMIN''),
    (N''role-familymember'', N''role-familymember'', N''FamilyMember'', N''FAMILYMEMBER''),
    (N''role-managingagent'', N''role-managingagent'', N''ManagingAgent'', N''MANAGINGAGENT''),
    (N''role-owner'', N''role-owner'', N''Owner'', N''OWNER''),
    (N''role-tenant'', N''role-tenant'', N''Tenant'', N''TENANT''),
    (N''role-trustee'', N''role-trustee'', N''Trustee'', N''TRUSTEE''),
    (N''role-utility'', N''role-utility'', N''Utility'', N''UTILITY'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Id', N'ConcurrencyStamp', N'Name', N'NormalizedName') AND [object_id] = OBJECT_ID(N'[AspNetRoles]'))
        SET IDENTITY_INSERT [AspNetRoles] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AccessInvitations_CreatedById] ON [AccessInvitations] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AccessInvitations_Email_Status] ON [AccessInvitations] ([Email], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_AccessInvitations_TokenHash] ON [AccessInvitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AccessInvitations_UserId] ON [AccessInvitations] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ApiKeyEstates_EstateId] ON [ApiKeyEstates] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_CreatedById] ON [ApiKeys] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_OwnerId] ON [ApiKeys] ([OwnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ApiKeys_Prefix] ON [ApiKeys] ([Prefix]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ApiKeys_RevokedById] ON [ApiKeys] ([RevokedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArchivedRecords_ArchivedById] ON [ArchivedRecords] ([ArchivedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArchivedRecords_EntityType_EntityId] ON [ArchivedRecords] ([EntityType], [EntityId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsEscalations_CreatedById] ON [ArrearsEscalations] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsEscalations_UnitId_TakenAt] ON [ArrearsEscalations] ([UnitId], [TakenAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsEscalations_UpdatedById] ON [ArrearsEscalations] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArrearsEscalations_WalletId_Pocket_EpisodeStartSequence_Step] ON [ArrearsEscalations] ([WalletId], [Pocket], [EpisodeStartSequence], [Step]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_CreatedById] ON [ArrearsHandovers] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_EstateId_PersonId] ON [ArrearsHandovers] ([EstateId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_PersonId] ON [ArrearsHandovers] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArrearsHandovers_SettlementTransactionId] ON [ArrearsHandovers] ([SettlementTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_TenancyId] ON [ArrearsHandovers] ([TenancyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_UnitId] ON [ArrearsHandovers] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsHandovers_UpdatedById] ON [ArrearsHandovers] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsRules_CreatedById] ON [ArrearsRules] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ArrearsRules_EstateId] ON [ArrearsRules] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ArrearsRules_UpdatedById] ON [ArrearsRules] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_PersonId] ON [AspNetUsers] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_EntityType_EntityId_At] ON [AuditEntries] ([EntityType], [EntityId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_UserId] ON [AuditEntries] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_BankDeposits_ApprovedById] ON [BankDeposits] ([ApprovedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_BankDeposits_BankLineId] ON [BankDeposits] ([BankLineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_BankDeposits_EstateId_Status] ON [BankDeposits] ([EstateId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_BankDeposits_LedgerTransactionId] ON [BankDeposits] ([LedgerTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_BankDeposits_RecordedById] ON [BankDeposits] ([RecordedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_BankDeposits_UnitId] ON [BankDeposits] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_DeadLetters_Status_Id] ON [DeadLetters] ([Status], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_DeviceCommands_MeterId] ON [DeviceCommands] ([MeterId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_DeviceCommands_Status_NextAttemptAt] ON [DeviceCommands] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_EstateAssignments_EstateId] ON [EstateAssignments] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_EstateAssignments_UserId_EstateId_Role] ON [EstateAssignments] ([UserId], [EstateId], [Role]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_EstateFeatureFlags_EstateSettingsId_Feature] ON [EstateFeatureFlags] ([EstateSettingsId], [Feature]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Estates_CreatedById] ON [Estates] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Estates_Name] ON [Estates] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Estates_UpdatedById] ON [Estates] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_EstateSettings_EstateId] ON [EstateSettings] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_FinancialPeriods_ClosedById] ON [FinancialPeriods] ([ClosedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FinancialPeriods_EstateId_Year_Month] ON [FinancialPeriods] ([EstateId], [Year], [Month]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Gateways_Code] ON [Gateways] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Gateways_CreatedById] ON [Gateways] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Gateways_EstateId] ON [Gateways] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Gateways_UpdatedById] ON [Gateways] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ImportRuns_EstateId_StartedAt] ON [ImportRuns] ([EstateId], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ImportRuns_StartedAt] ON [ImportRuns] ([StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_ImportRuns_UserId] ON [ImportRuns] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Invitations_CreatedById] ON [Invitations] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Invitations_PersonId] ON [Invitations] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invitations_TokenHash] ON [Invitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Invitations_UnitId] ON [Invitations] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_JobRuns_JobName_Id] ON [JobRuns] ([JobName], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerAccounts_Code] ON [LedgerAccounts] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerAccounts_EstateId] ON [LedgerAccounts] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerAccounts_WalletId] ON [LedgerAccounts] ([WalletId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerLines_AccountId] ON [LedgerLines] ([AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerLines_TransactionId] ON [LedgerLines] ([TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_LedgerLines_WalletId_Sequence] ON [LedgerLines] ([WalletId], [Sequence]) WHERE [WalletId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_EstateId_ValueDate] ON [LedgerTransactions] ([EstateId], [ValueDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerTransactions_IdempotencyKey] ON [LedgerTransactions] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LedgerTransactions_Number] ON [LedgerTransactions] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_PostedById] ON [LedgerTransactions] ([PostedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LedgerTransactions_ReversesId] ON [LedgerTransactions] ([ReversesId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LevySchedules_CreatedById] ON [LevySchedules] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LevySchedules_EstateId_IsActive] ON [LevySchedules] ([EstateId], [IsActive]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LevySchedules_PreviousVersionId] ON [LevySchedules] ([PreviousVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_LevySchedules_UpdatedById] ON [LevySchedules] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_MeterAlerts_MeterId_RaisedAt] ON [MeterAlerts] ([MeterId], [RaisedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE INDEX [IX_MeterReadings_Held] ON [MeterReadings] ([Status], [MeterId]) WHERE Status = ''Held''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MeterReadings_MeterId_DedupeKey] ON [MeterReadings] ([MeterId], [DedupeKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_MeterReadings_MeterId_ReadAt] ON [MeterReadings] ([MeterId], [ReadAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Meters_CreatedById] ON [Meters] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Meters_DeviceEui] ON [Meters] ([DeviceEui]) WHERE [DeviceEui] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Meters_EstateId] ON [Meters] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Meters_GatewayId] ON [Meters] ([GatewayId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Meters_SerialNumber] ON [Meters] ([SerialNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Meters_UnitId_Type] ON [Meters] ([UnitId], [Type]) WHERE [UnitId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Meters_UpdatedById] ON [Meters] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_MeterStates_CommsStatus] ON [MeterStates] ([CommsStatus]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Notifications_UnitId] ON [Notifications] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Notifications_UserId_CreatedAt] ON [Notifications] ([UserId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Ownerships_CreatedById] ON [Ownerships] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Ownerships_PersonId] ON [Ownerships] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Ownerships_UnitId_StartDate] ON [Ownerships] ([UnitId], [StartDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Ownerships_UpdatedById] ON [Ownerships] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payees_CreatedById] ON [Payees] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payees_EstateId_Name] ON [Payees] ([EstateId], [Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payees_UpdatedById] ON [Payees] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PaymentRejections_ReceivedAt] ON [PaymentRejections] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payments_CreatedById] ON [Payments] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payments_LedgerTransactionId] ON [Payments] ([LedgerTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Payments_PfPaymentId] ON [Payments] ([PfPaymentId]) WHERE [PfPaymentId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payments_Reference] ON [Payments] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payments_UnitId] ON [Payments] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payments_WalletGroupId] ON [Payments] ([WalletGroupId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatches_ApprovedById] ON [PayoutBatches] ([ApprovedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatches_EstateId] ON [PayoutBatches] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatches_MakerId] ON [PayoutBatches] ([MakerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatches_RunId] ON [PayoutBatches] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatchLines_BatchId] ON [PayoutBatchLines] ([BatchId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatchLines_PaidById] ON [PayoutBatchLines] ([PaidById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatchLines_PayeeId] ON [PayoutBatchLines] ([PayeeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PayoutBatchLines_TransactionId] ON [PayoutBatchLines] ([TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_CreatedById] ON [Payouts] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_EstateId] ON [Payouts] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_PaidById] ON [Payouts] ([PaidById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_PaymentTransactionId] ON [Payouts] ([PaymentTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_PersonId] ON [Payouts] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Payouts_SettlementTransactionId] ON [Payouts] ([SettlementTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_Status_EstateId] ON [Payouts] ([Status], [EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_TenancyId] ON [Payouts] ([TenancyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_UnitId] ON [Payouts] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Payouts_UpdatedById] ON [Payouts] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PeriodBalances_AccountId] ON [PeriodBalances] ([AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_PeriodBalances_PeriodId_AccountId] ON [PeriodBalances] ([PeriodId], [AccountId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Persons_CreatedById] ON [Persons] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Persons_Email] ON [Persons] ([Email]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Persons_IdNumber] ON [Persons] ([IdNumber]) WHERE [IdNumber] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Persons_UpdatedById] ON [Persons] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ReconciliationResults_Day_Check] ON [ReconciliationResults] ([Day], [Check]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_CommandId] ON [RelayHolds] ([CommandId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_CreatedById] ON [RelayHolds] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_HeldById] ON [RelayHolds] ([HeldById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_MeterId_ReleasedAt] ON [RelayHolds] ([MeterId], [ReleasedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_ReleasedById] ON [RelayHolds] ([ReleasedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_RelayHolds_UpdatedById] ON [RelayHolds] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuleVersions_CreatedById] ON [SettlementRuleVersions] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SettlementRuleVersions_EstateId_Utility_EffectiveFrom] ON [SettlementRuleVersions] ([EstateId], [Utility], [EffectiveFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuleVersions_RemainderPayeeId] ON [SettlementRuleVersions] ([RemainderPayeeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuleVersions_UpdatedById] ON [SettlementRuleVersions] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuleVersions_VatPayeeId] ON [SettlementRuleVersions] ([VatPayeeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRunLines_PayeeId] ON [SettlementRunLines] ([PayeeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRunLines_RunId] ON [SettlementRunLines] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_SettlementRuns_EstateId_Year_Month] ON [SettlementRuns] ([EstateId], [Year], [Month]) WHERE [Status] = ''Posted''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuns_ReversalTransactionId] ON [SettlementRuns] ([ReversalTransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuns_ReversedById] ON [SettlementRuns] ([ReversedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuns_RunById] ON [SettlementRuns] ([RunById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRuns_TransactionId] ON [SettlementRuns] ([TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SettlementRunSources_RunId] ON [SettlementRunSources] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SpendBudgets_CreatedById] ON [SpendBudgets] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SpendBudgets_UnitId_Pocket_Period] ON [SpendBudgets] ([UnitId], [Pocket], [Period]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_SpendBudgets_UpdatedById] ON [SpendBudgets] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tariffs_CreatedById] ON [Tariffs] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tariffs_EstateId_Utility_UnitId_EffectiveFrom] ON [Tariffs] ([EstateId], [Utility], [UnitId], [EffectiveFrom]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tariffs_UnitId] ON [Tariffs] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tariffs_UpdatedById] ON [Tariffs] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tenancies_CreatedById] ON [Tenancies] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tenancies_PersonId] ON [Tenancies] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tenancies_UnitId_StartDate] ON [Tenancies] ([UnitId], [StartDate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tenancies_UpdatedById] ON [Tenancies] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_TenantMoves_CreatedById] ON [TenantMoves] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TenantMoves_IdempotencyKey] ON [TenantMoves] ([IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_TenantMoves_PersonId] ON [TenantMoves] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_TenantMoves_TenancyId] ON [TenantMoves] ([TenancyId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_TenantMoves_UnitId] ON [TenantMoves] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_AssignedToUserId] ON [Tickets] ([AssignedToUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_CreatedById] ON [Tickets] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_EstateId] ON [Tickets] ([EstateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_ReportedByPersonId] ON [Tickets] ([ReportedByPersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_UnitId_Status] ON [Tickets] ([UnitId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Tickets_UpdatedById] ON [Tickets] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Units_CreatedById] ON [Units] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Units_EstateId_UnitNumber] ON [Units] ([EstateId], [UnitNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Units_PaymentReference] ON [Units] ([PaymentReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Units_UpdatedById] ON [Units] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_CreatedById] ON [WalletAccessGrants] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_GrantedById] ON [WalletAccessGrants] ([GrantedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_WalletAccessGrants_MigratedFromTenancyId] ON [WalletAccessGrants] ([MigratedFromTenancyId]) WHERE [MigratedFromTenancyId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_PersonId] ON [WalletAccessGrants] ([PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_RevokedById] ON [WalletAccessGrants] ([RevokedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_UnitId_PersonId] ON [WalletAccessGrants] ([UnitId], [PersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletAccessGrants_UpdatedById] ON [WalletAccessGrants] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletGroupMembers_UnitId] ON [WalletGroupMembers] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WalletGroupMembers_WalletGroupId_UnitId] ON [WalletGroupMembers] ([WalletGroupId], [UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletGroups_CreatedById] ON [WalletGroups] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletGroups_PayerPersonId] ON [WalletGroups] ([PayerPersonId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletGroups_UpdatedById] ON [WalletGroups] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletPockets_CreatedById] ON [WalletPockets] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WalletPockets_UpdatedById] ON [WalletPockets] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WalletPockets_WalletId_Pocket] ON [WalletPockets] ([WalletId], [Pocket]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Wallets_CreatedById] ON [Wallets] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Wallets_UnitId] ON [Wallets] ([UnitId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_Wallets_UpdatedById] ON [Wallets] ([UpdatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookAttempts_DeliveryId_Number] ON [WebhookAttempts] ([DeliveryId], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_EstateId_Id] ON [WebhookDeliveries] ([EstateId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookDeliveries_Status_NextAttemptAt] ON [WebhookDeliveries] ([Status], [NextAttemptAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WebhookDeliveries_SubscriptionId_EventKey] ON [WebhookDeliveries] ([SubscriptionId], [EventKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookSubscriptions_CreatedById] ON [WebhookSubscriptions] ([CreatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookSubscriptions_DeactivatedById] ON [WebhookSubscriptions] ([DeactivatedById]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    CREATE INDEX [IX_WebhookSubscriptions_EstateId_Status] ON [WebhookSubscriptions] ([EstateId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AccessInvitations] ADD CONSTRAINT [FK_AccessInvitations_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AccessInvitations] ADD CONSTRAINT [FK_AccessInvitations_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ApiKeyEstates] ADD CONSTRAINT [FK_ApiKeyEstates_ApiKeys_ApiKeyId] FOREIGN KEY ([ApiKeyId]) REFERENCES [ApiKeys] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ApiKeyEstates] ADD CONSTRAINT [FK_ApiKeyEstates_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ApiKeys] ADD CONSTRAINT [FK_ApiKeys_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ApiKeys] ADD CONSTRAINT [FK_ApiKeys_AspNetUsers_OwnerId] FOREIGN KEY ([OwnerId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ApiKeys] ADD CONSTRAINT [FK_ApiKeys_AspNetUsers_RevokedById] FOREIGN KEY ([RevokedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArchivedRecords] ADD CONSTRAINT [FK_ArchivedRecords_AspNetUsers_ArchivedById] FOREIGN KEY ([ArchivedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsEscalations] ADD CONSTRAINT [FK_ArrearsEscalations_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsEscalations] ADD CONSTRAINT [FK_ArrearsEscalations_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsEscalations] ADD CONSTRAINT [FK_ArrearsEscalations_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsEscalations] ADD CONSTRAINT [FK_ArrearsEscalations_Wallets_WalletId] FOREIGN KEY ([WalletId]) REFERENCES [Wallets] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_LedgerTransactions_SettlementTransactionId] FOREIGN KEY ([SettlementTransactionId]) REFERENCES [LedgerTransactions] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_Tenancies_TenancyId] FOREIGN KEY ([TenancyId]) REFERENCES [Tenancies] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsHandovers] ADD CONSTRAINT [FK_ArrearsHandovers_Units_UnitId] FOREIGN KEY ([UnitId]) REFERENCES [Units] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsRules] ADD CONSTRAINT [FK_ArrearsRules_AspNetUsers_CreatedById] FOREIGN KEY ([CreatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsRules] ADD CONSTRAINT [FK_ArrearsRules_AspNetUsers_UpdatedById] FOREIGN KEY ([UpdatedById]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [ArrearsRules] ADD CONSTRAINT [FK_ArrearsRules_Estates_EstateId] FOREIGN KEY ([EstateId]) REFERENCES [Estates] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AspNetUserClaims] ADD CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AspNetUserLogins] ADD CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AspNetUserRoles] ADD CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    ALTER TABLE [AspNetUsers] ADD CONSTRAINT [FK_AspNetUsers_Persons_PersonId] FOREIGN KEY ([PersonId]) REFERENCES [Persons] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
    CREATE TRIGGER [TR_LedgerLines_AppendOnly] ON [LedgerLines] INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        THROW 51000, ''LedgerLines is append-only: post a reversal instead.'', 1;
    END;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'-- The ledger is append-only in the database itself: corrections are reversals (docs/decisions/0006-ledger.md).
    CREATE TRIGGER [TR_LedgerTransactions_AppendOnly] ON [LedgerTransactions] INSTEAD OF UPDATE, DELETE
    AS
    BEGIN
        THROW 51000, ''LedgerTransactions is append-only: post a reversal instead.'', 1;
    END;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    EXEC(N'-- Nothing posts with a value date in a closed or locked month, even behind the application''s back.
    CREATE TRIGGER [TR_LedgerTransactions_PeriodOpen] ON [LedgerTransactions] AFTER INSERT
    AS
    BEGIN
        IF EXISTS (SELECT 1 FROM inserted i
                   JOIN [FinancialPeriods] p ON p.[EstateId] = i.[EstateId]
                                            AND p.[Year] = YEAR(i.[ValueDate])
                                            AND p.[Month] = MONTH(i.[ValueDate])
                                            AND p.[Status] <> ''Open'')
            THROW 51001, ''The value date falls in a closed or locked financial period: post it in the open period.'', 1;
    END;');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261207005652_Baseline'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261207005652_Baseline', N'10.0.15');
END;

COMMIT;
GO

