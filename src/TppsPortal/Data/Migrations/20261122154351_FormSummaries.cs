using Microsoft.EntityFrameworkCore.Migrations;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class FormSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "form_summaries",
                columns: table => new
                {
                    report_id = table.Column<int>(type: "integer", nullable: false),
                    kecamatan_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    villages_reported = table.Column<int>(type: "integer", nullable: false),
                    registered = table.Column<int>(type: "integer", nullable: false),
                    measured = table.Column<int>(type: "integer", nullable: false),
                    stunted = table.Column<int>(type: "integer", nullable: false),
                    severely_stunted = table.Column<int>(type: "integer", nullable: false),
                    wasted = table.Column<int>(type: "integer", nullable: false),
                    underweight = table.Column<int>(type: "integer", nullable: false),
                    is_example = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_form_summaries", x => x.report_id);
                    table.ForeignKey(
                        name: "fk_form_summaries_kecamatan_reports_report_id",
                        column: x => x.report_id,
                        principalTable: "kecamatan_reports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_summaries_kecamatan_code_period_key",
                table: "form_summaries",
                columns: new[] { "kecamatan_code", "period_key" })
                .Annotation("Npgsql:IndexInclude", new[] { "villages_reported", "registered", "measured", "stunted", "severely_stunted", "wasted", "underweight", "is_example" });

            migrationBuilder.CreateIndex(
                name: "ix_form_summaries_period_key",
                table: "form_summaries",
                column: "period_key");

            // Forms approved before this migration get their summaries now.
            migrationBuilder.Sql("""
                INSERT INTO form_summaries (report_id, kecamatan_code, period_key, villages_reported, registered, measured,
                                            stunted, severely_stunted, wasted, underweight, is_example)
                SELECT r.id, r.kecamatan_code, p.year * 100 + p.month, count(v.toddlers_measured),
                       coalesce(sum(v.toddlers_registered), 0), coalesce(sum(v.toddlers_measured), 0),
                       coalesce(sum(coalesce(v.stunted, 0) + coalesce(v.severely_stunted, 0)), 0), coalesce(sum(v.severely_stunted), 0),
                       coalesce(sum(v.wasted), 0), coalesce(sum(v.underweight), 0), r.is_example
                FROM kecamatan_reports r
                JOIN reporting_periods p ON p.id = r.period_id
                LEFT JOIN village_rows v ON v.report_id = r.id
                WHERE r.status = 4
                GROUP BY r.id, p.year, p.month
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "form_summaries");
        }
    }
}
