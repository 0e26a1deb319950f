using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Settlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Payees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BankName = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    BranchCode = table.Column<string>(type: "TEXT", maxLength: 6, nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    BeneficiaryReference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payees_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payees_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payees_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettlementRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Total = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    RunAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RunById = table.Column<string>(type: "TEXT", nullable: true),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversalTransactionId = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ReversedById = table.Column<string>(type: "TEXT", nullable: true),
                    ReversalReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementRuns_AspNetUsers_ReversedById",
                        column: x => x.ReversedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuns_AspNetUsers_RunById",
                        column: x => x.RunById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuns_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuns_LedgerTransactions_ReversalTransactionId",
                        column: x => x.ReversalTransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuns_LedgerTransactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettlementRuleVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    Utility = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    VatPayeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    RemainderPayeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true),
                    SharesJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementRuleVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementRuleVersions_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuleVersions_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuleVersions_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuleVersions_Payees_RemainderPayeeId",
                        column: x => x.RemainderPayeeId,
                        principalTable: "Payees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRuleVersions_Payees_VatPayeeId",
                        column: x => x.VatPayeeId,
                        principalTable: "Payees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PayoutBatches",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    MakerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ApprovedById = table.Column<string>(type: "TEXT", nullable: true),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayoutBatches_AspNetUsers_ApprovedById",
                        column: x => x.ApprovedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatches_AspNetUsers_MakerId",
                        column: x => x.MakerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatches_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatches_SettlementRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SettlementRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettlementRunLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    PayeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Utility = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementRunLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementRunLines_Payees_PayeeId",
                        column: x => x.PayeeId,
                        principalTable: "Payees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SettlementRunLines_SettlementRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SettlementRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SettlementRunSources",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SettlementRunSources", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SettlementRunSources_SettlementRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SettlementRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PayoutBatchLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BatchId = table.Column<int>(type: "INTEGER", nullable: false),
                    PayeeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Owed = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidById = table.Column<string>(type: "TEXT", nullable: true),
                    BankReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    TransactionId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayoutBatchLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PayoutBatchLines_AspNetUsers_PaidById",
                        column: x => x.PaidById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatchLines_LedgerTransactions_TransactionId",
                        column: x => x.TransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatchLines_Payees_PayeeId",
                        column: x => x.PayeeId,
                        principalTable: "Payees",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PayoutBatchLines_PayoutBatches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "PayoutBatches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payees_CreatedById",
                table: "Payees",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Payees_EstateId_Name",
                table: "Payees",
                columns: new[] { "EstateId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payees_UpdatedById",
                table: "Payees",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatches_ApprovedById",
                table: "PayoutBatches",
                column: "ApprovedById");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatches_EstateId",
                table: "PayoutBatches",
                column: "EstateId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatches_MakerId",
                table: "PayoutBatches",
                column: "MakerId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatches_RunId",
                table: "PayoutBatches",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatchLines_BatchId",
                table: "PayoutBatchLines",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatchLines_PaidById",
                table: "PayoutBatchLines",
                column: "PaidById");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatchLines_PayeeId",
                table: "PayoutBatchLines",
                column: "PayeeId");

            migrationBuilder.CreateIndex(
                name: "IX_PayoutBatchLines_TransactionId",
                table: "PayoutBatchLines",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuleVersions_CreatedById",
                table: "SettlementRuleVersions",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuleVersions_EstateId_Utility_EffectiveFrom",
                table: "SettlementRuleVersions",
                columns: new[] { "EstateId", "Utility", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuleVersions_RemainderPayeeId",
                table: "SettlementRuleVersions",
                column: "RemainderPayeeId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuleVersions_UpdatedById",
                table: "SettlementRuleVersions",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuleVersions_VatPayeeId",
                table: "SettlementRuleVersions",
                column: "VatPayeeId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRunLines_PayeeId",
                table: "SettlementRunLines",
                column: "PayeeId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRunLines_RunId",
                table: "SettlementRunLines",
                column: "RunId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuns_EstateId_Year_Month",
                table: "SettlementRuns",
                columns: new[] { "EstateId", "Year", "Month" },
                unique: true,
                filter: "[Status] = 'Posted'");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuns_ReversalTransactionId",
                table: "SettlementRuns",
                column: "ReversalTransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuns_ReversedById",
                table: "SettlementRuns",
                column: "ReversedById");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuns_RunById",
                table: "SettlementRuns",
                column: "RunById");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRuns_TransactionId",
                table: "SettlementRuns",
                column: "TransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_SettlementRunSources_RunId",
                table: "SettlementRunSources",
                column: "RunId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PayoutBatchLines");

            migrationBuilder.DropTable(
                name: "SettlementRuleVersions");

            migrationBuilder.DropTable(
                name: "SettlementRunLines");

            migrationBuilder.DropTable(
                name: "SettlementRunSources");

            migrationBuilder.DropTable(
                name: "PayoutBatches");

            migrationBuilder.DropTable(
                name: "Payees");

            migrationBuilder.DropTable(
                name: "SettlementRuns");
        }
    }
}
