using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TenantOnboarding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArrearsHandovers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    TenancyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    HandedOverOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SettlementTransactionId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrearsHandovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_LedgerTransactions_SettlementTransactionId",
                        column: x => x.SettlementTransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_Tenancies_TenancyId",
                        column: x => x.TenancyId,
                        principalTable: "Tenancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsHandovers_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Payouts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EstateId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    TenancyId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    BankDetailsReference = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SettlementTransactionId = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<long>(type: "INTEGER", nullable: true),
                    PaidById = table.Column<string>(type: "TEXT", nullable: true),
                    PaymentReference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PaymentTransactionId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Payouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Payouts_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_AspNetUsers_PaidById",
                        column: x => x.PaidById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_LedgerTransactions_PaymentTransactionId",
                        column: x => x.PaymentTransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_LedgerTransactions_SettlementTransactionId",
                        column: x => x.SettlementTransactionId,
                        principalTable: "LedgerTransactions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_Tenancies_TenancyId",
                        column: x => x.TenancyId,
                        principalTable: "Tenancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Payouts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TenantMoves",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    TenancyId = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantMoves", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TenantMoves_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TenantMoves_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TenantMoves_Tenancies_TenancyId",
                        column: x => x.TenancyId,
                        principalTable: "Tenancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TenantMoves_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_CreatedById",
                table: "ArrearsHandovers",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_EstateId_PersonId",
                table: "ArrearsHandovers",
                columns: new[] { "EstateId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_PersonId",
                table: "ArrearsHandovers",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_SettlementTransactionId",
                table: "ArrearsHandovers",
                column: "SettlementTransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_TenancyId",
                table: "ArrearsHandovers",
                column: "TenancyId");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_UnitId",
                table: "ArrearsHandovers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsHandovers_UpdatedById",
                table: "ArrearsHandovers",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_CreatedById",
                table: "Payouts",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_EstateId",
                table: "Payouts",
                column: "EstateId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_PaidById",
                table: "Payouts",
                column: "PaidById");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_PaymentTransactionId",
                table: "Payouts",
                column: "PaymentTransactionId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_PersonId",
                table: "Payouts",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_SettlementTransactionId",
                table: "Payouts",
                column: "SettlementTransactionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_Status_EstateId",
                table: "Payouts",
                columns: new[] { "Status", "EstateId" });

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_TenancyId",
                table: "Payouts",
                column: "TenancyId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_UnitId",
                table: "Payouts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_Payouts_UpdatedById",
                table: "Payouts",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_TenantMoves_CreatedById",
                table: "TenantMoves",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_TenantMoves_IdempotencyKey",
                table: "TenantMoves",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TenantMoves_PersonId",
                table: "TenantMoves",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantMoves_TenancyId",
                table: "TenantMoves",
                column: "TenancyId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantMoves_UnitId",
                table: "TenantMoves",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrearsHandovers");

            migrationBuilder.DropTable(
                name: "Payouts");

            migrationBuilder.DropTable(
                name: "TenantMoves");
        }
    }
}
