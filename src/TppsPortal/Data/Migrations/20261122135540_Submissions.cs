using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Submissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "reporting_periods",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: false),
                    is_weighing_month = table.Column<bool>(type: "boolean", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    refuse_late = table.Column<bool>(type: "boolean", nullable: false),
                    is_open = table.Column<bool>(type: "boolean", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    opened_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporting_periods", x => x.id);
                    table.ForeignKey(
                        name: "fk_reporting_periods_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "kecamatan_reports",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    period_id = table.Column<int>(type: "integer", nullable: false),
                    kecamatan_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    return_comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    is_late = table.Column<bool>(type: "boolean", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    submitted_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    is_example = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_kecamatan_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_kecamatan_reports_regions_kecamatan_code",
                        column: x => x.kecamatan_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_kecamatan_reports_reporting_periods_period_id",
                        column: x => x.period_id,
                        principalTable: "reporting_periods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "report_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    village_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true, collation: "C"),
                    what = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    old_value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    new_value = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_report_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_report_changes_kecamatan_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "kecamatan_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "village_rows",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    village_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    families = table.Column<int>(type: "integer", nullable: true),
                    families_at_risk = table.Column<int>(type: "integer", nullable: true),
                    toddlers_registered = table.Column<int>(type: "integer", nullable: true),
                    toddlers_measured = table.Column<int>(type: "integer", nullable: true),
                    severely_stunted = table.Column<int>(type: "integer", nullable: true),
                    stunted = table.Column<int>(type: "integer", nullable: true),
                    wasted = table.Column<int>(type: "integer", nullable: true),
                    underweight = table.Column<int>(type: "integer", nullable: true),
                    pregnant = table.Column<int>(type: "integer", nullable: true),
                    pregnant_kek = table.Column<int>(type: "integer", nullable: true),
                    under_two = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    return_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_rows_kecamatan_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "kecamatan_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_village_rows_regions_village_code",
                        column: x => x.village_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_kecamatan_reports_kecamatan_code_status",
                table: "kecamatan_reports",
                columns: new[] { "kecamatan_code", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_kecamatan_reports_period_id_kecamatan_code",
                table: "kecamatan_reports",
                columns: new[] { "period_id", "kecamatan_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_report_changes_report_id_at",
                table: "report_changes",
                columns: new[] { "report_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_reporting_periods_district_code_year_month",
                table: "reporting_periods",
                columns: new[] { "district_code", "year", "month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_village_rows_report_id_village_code",
                table: "village_rows",
                columns: new[] { "report_id", "village_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_village_rows_village_code",
                table: "village_rows",
                column: "village_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "report_changes");

            migrationBuilder.DropTable(
                name: "village_rows");

            migrationBuilder.DropTable(
                name: "kecamatan_reports");

            migrationBuilder.DropTable(
                name: "reporting_periods");
        }
    }
}
