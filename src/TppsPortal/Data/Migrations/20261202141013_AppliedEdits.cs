using System;
using Microsoft.EntityFrameworkCore.Migrations;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AppliedEdits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "applied_edits",
                columns: table => new
                {
                    edit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    village_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true, collation: "C"),
                    version_after = table.Column<long>(type: "bigint", nullable: false),
                    applied_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_applied_edits", x => x.edit_id);
                    table.ForeignKey(
                        name: "fk_applied_edits_kecamatan_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "kecamatan_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_applied_edits_report_id",
                table: "applied_edits",
                column: "report_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "applied_edits");
        }
    }
}
