using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Quantify.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ArrearsEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ArrearsEscalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UnitId = table.Column<int>(type: "int", nullable: false),
                    WalletId = table.Column<int>(type: "int", nullable: false),
                    Pocket = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    EpisodeStartSequence = table.Column<long>(type: "bigint", nullable: false),
                    ArrearsSince = table.Column<DateOnly>(type: "date", nullable: false),
                    Step = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    DaysInArrears = table.Column<int>(type: "int", nullable: false),
                    Balance = table.Column<decimal>(type: "decimal(18,2)", precision: 18, scale: 2, nullable: false),
                    TakenAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrearsEscalations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrearsEscalations_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsEscalations_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsEscalations_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsEscalations_Wallets_WalletId",
                        column: x => x.WalletId,
                        principalTable: "Wallets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArrearsRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    EstateId = table.Column<int>(type: "int", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    WarningDays = table.Column<int>(type: "int", nullable: false),
                    RestrictionDays = table.Column<int>(type: "int", nullable: false),
                    SuspensionDays = table.Column<int>(type: "int", nullable: false),
                    HandToAgentDays = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CreatedById = table.Column<string>(type: "nvarchar(450)", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedById = table.Column<string>(type: "nvarchar(450)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrearsRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrearsRules_AspNetUsers_CreatedById",
                        column: x => x.CreatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsRules_AspNetUsers_UpdatedById",
                        column: x => x.UpdatedById,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ArrearsRules_Estates_EstateId",
                        column: x => x.EstateId,
                        principalTable: "Estates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsEscalations_CreatedById",
                table: "ArrearsEscalations",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsEscalations_UnitId_TakenAt",
                table: "ArrearsEscalations",
                columns: new[] { "UnitId", "TakenAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsEscalations_UpdatedById",
                table: "ArrearsEscalations",
                column: "UpdatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsEscalations_WalletId_Pocket_EpisodeStartSequence_Step",
                table: "ArrearsEscalations",
                columns: new[] { "WalletId", "Pocket", "EpisodeStartSequence", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsRules_CreatedById",
                table: "ArrearsRules",
                column: "CreatedById");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsRules_EstateId",
                table: "ArrearsRules",
                column: "EstateId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsRules_UpdatedById",
                table: "ArrearsRules",
                column: "UpdatedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrearsEscalations");

            migrationBuilder.DropTable(
                name: "ArrearsRules");
        }
    }
}
