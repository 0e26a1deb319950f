using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Family : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "GroupAllocation",
                table: "Payments",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WalletGroupId",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SpendBudgets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Pocket = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Limit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    WarnedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ReachedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpendBudgets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpendBudgets_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpendBudgets_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpendBudgets_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WalletAccessGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    PersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CapPerTopUp = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    CapPerMonth = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GrantedById = table.Column<string>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RevokedById = table.Column<string>(type: "TEXT", nullable: true),
                    MigratedFromTenancyId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletAccessGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_AspNetUsers_GrantedById",
                        column: x => x.GrantedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_AspNetUsers_RevokedById",
                        column: x => x.RevokedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_Persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_Tenancies_MigratedFromTenancyId",
                        column: x => x.MigratedFromTenancyId,
                        principalTable: "Tenancies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletAccessGrants_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WalletGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayerPersonId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedById = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WalletGroups_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletGroups_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletGroups_Persons_PayerPersonId",
                        column: x => x.PayerPersonId,
                        principalTable: "Persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WalletGroupMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WalletGroupId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    FixedAmount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    TargetBalance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WalletGroupMembers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WalletGroupMembers_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WalletGroupMembers_WalletGroups_WalletGroupId",
                        column: x => x.WalletGroupId,
                        principalTable: "WalletGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_WalletGroupId",
                table: "Payments",
                column: "WalletGroupId");

            migrationBuilder.CreateIndex(
                name: "IX_SpendBudgets_CreatedById",
                table: "SpendBudgets",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SpendBudgets_UnitId_Pocket_Period",
                table: "SpendBudgets",
                columns: new[] { "UnitId", "Pocket", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpendBudgets_UpdatedById",
                table: "SpendBudgets",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_CreatedById",
                table: "WalletAccessGrants",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_GrantedById",
                table: "WalletAccessGrants",
                column: "GrantedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_MigratedFromTenancyId",
                table: "WalletAccessGrants",
                column: "MigratedFromTenancyId",
                unique: true,
                filter: "[MigratedFromTenancyId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_PersonId",
                table: "WalletAccessGrants",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_RevokedById",
                table: "WalletAccessGrants",
                column: "RevokedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_UnitId_PersonId",
                table: "WalletAccessGrants",
                columns: new[] { "UnitId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_WalletAccessGrants_UpdatedById",
                table: "WalletAccessGrants",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletGroupMembers_UnitId",
                table: "WalletGroupMembers",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletGroupMembers_WalletGroupId_UnitId",
                table: "WalletGroupMembers",
                columns: new[] { "WalletGroupId", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WalletGroups_CreatedById",
                table: "WalletGroups",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_WalletGroups_PayerPersonId",
                table: "WalletGroups",
                column: "PayerPersonId");

            migrationBuilder.CreateIndex(
                name: "IX_WalletGroups_UpdatedById",
                table: "WalletGroups",
                column: "UpdatedById");

            migrationBuilder.AddForeignKey(
                name: "FK_Payments_WalletGroups_WalletGroupId",
                table: "Payments",
                column: "WalletGroupId",
                principalTable: "WalletGroups",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Payments_WalletGroups_WalletGroupId",
                table: "Payments");

            migrationBuilder.DropTable(
                name: "SpendBudgets");

            migrationBuilder.DropTable(
                name: "WalletAccessGrants");

            migrationBuilder.DropTable(
                name: "WalletGroupMembers");

            migrationBuilder.DropTable(
                name: "WalletGroups");

            migrationBuilder.DropIndex(
                name: "IX_Payments_WalletGroupId",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "GroupAllocation",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "WalletGroupId",
                table: "Payments");
        }
    }
}
