using Microsoft.EntityFrameworkCore.Migrations;

namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ProvinceMonthSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_form_summaries_period_key",
                table: "form_summaries");

            migrationBuilder.CreateTable(
                name: "province_month_summaries",
                columns: table => new
                {
                    province_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    period_key = table.Column<int>(type: "integer", nullable: false),
                    forms_approved = table.Column<int>(type: "integer", nullable: false),
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
                    table.PrimaryKey("pk_province_month_summaries", x => new { x.province_code, x.period_key });
                });

            migrationBuilder.CreateIndex(
                name: "ix_form_summaries_period_key_kecamatan_code",
                table: "form_summaries",
                columns: new[] { "period_key", "kecamatan_code" })
                .Annotation("Npgsql:IndexInclude", new[] { "villages_reported", "registered", "measured", "stunted", "severely_stunted", "wasted", "underweight", "is_example" });

            migrationBuilder.CreateIndex(
                name: "ix_province_month_summaries_period_key",
                table: "province_month_summaries",
                column: "period_key");

            // The months already approved: each province's month is the sum of its kecamatan forms' rows.
            migrationBuilder.Sql("""
                INSERT INTO province_month_summaries (province_code, period_key, forms_approved, villages_reported, registered,
                                                      measured, stunted, severely_stunted, wasted, underweight, is_example)
                SELECT split_part(kecamatan_code, '.', 1), period_key, count(*), sum(villages_reported), sum(registered),
                       sum(measured), sum(stunted), sum(severely_stunted), sum(wasted), sum(underweight), bool_or(is_example)
                FROM form_summaries
                GROUP BY 1, 2
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "province_month_summaries");

            migrationBuilder.DropIndex(
                name: "ix_form_summaries_period_key_kecamatan_code",
                table: "form_summaries");

            migrationBuilder.CreateIndex(
                name: "ix_form_summaries_period_key",
                table: "form_summaries",
                column: "period_key");
        }
    }
}
