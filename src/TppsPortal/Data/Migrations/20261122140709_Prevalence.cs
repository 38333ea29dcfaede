using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Prevalence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "data_sources",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    is_monthly = table.Column<bool>(type: "boolean", nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_sources", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "indicators",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_indicators", x => x.code);
                });

            migrationBuilder.CreateTable(
                name: "prevalence_figures",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    indicator_code = table.Column<string>(type: "character varying(30)", nullable: false),
                    source_code = table.Column<string>(type: "character varying(30)", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    month = table.Column<int>(type: "integer", nullable: true),
                    value = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    numerator = table.Column<int>(type: "integer", nullable: true),
                    denominator = table.Column<int>(type: "integer", nullable: true),
                    relative_standard_error = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    interval_low = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    interval_high = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    citation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_example = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prevalence_figures", x => x.id);
                    table.ForeignKey(
                        name: "fk_prevalence_figures_data_sources_source_code",
                        column: x => x.source_code,
                        principalTable: "data_sources",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prevalence_figures_indicators_indicator_code",
                        column: x => x.indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_prevalence_figures_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "target_paths",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    indicator_code = table.Column<string>(type: "character varying(30)", nullable: false),
                    baseline_source_code = table.Column<string>(type: "character varying(30)", nullable: false),
                    baseline_year = table.Column<int>(type: "integer", nullable: false),
                    baseline_value = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    citation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    is_example = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_paths", x => x.id);
                    table.ForeignKey(
                        name: "fk_target_paths_data_sources_baseline_source_code",
                        column: x => x.baseline_source_code,
                        principalTable: "data_sources",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_target_paths_indicators_indicator_code",
                        column: x => x.indicator_code,
                        principalTable: "indicators",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_target_paths_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "target_years",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    target_path_id = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    value = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_target_years", x => x.id);
                    table.ForeignKey(
                        name: "fk_target_years_target_paths_target_path_id",
                        column: x => x.target_path_id,
                        principalTable: "target_paths",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "data_sources",
                columns: new[] { "code", "is_monthly", "kind", "name", "sort_order" },
                values: new object[,]
                {
                    { "EPPGBM", true, (short)2, "e-PPGBM (penimbangan)", 5 },
                    { "FORM", true, (short)2, "Formulir kecamatan (portal ini)", 7 },
                    { "INTERVENSI", true, (short)2, "Intervensi serentak", 6 },
                    { "RISKESDAS", false, (short)1, "Riskesdas", 1 },
                    { "SKI", false, (short)1, "SKI", 4 },
                    { "SSGBI", false, (short)1, "SSGBI", 2 },
                    { "SSGI", false, (short)1, "SSGI", 3 }
                });

            migrationBuilder.InsertData(
                table: "indicators",
                columns: new[] { "code", "name", "sort_order" },
                values: new object[,]
                {
                    { "overweight", "Overweight (gizi lebih)", 4 },
                    { "stunting", "Stunting (pendek dan sangat pendek)", 1 },
                    { "underweight", "Underweight (berat badan kurang)", 3 },
                    { "wasting", "Wasting (gizi kurang)", 2 }
                });

            migrationBuilder.CreateIndex(
                name: "ix_prevalence_figures_indicator_code",
                table: "prevalence_figures",
                column: "indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_prevalence_figures_region_code_indicator_code_source_code_y",
                table: "prevalence_figures",
                columns: new[] { "region_code", "indicator_code", "source_code", "year", "month" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_prevalence_figures_source_code",
                table: "prevalence_figures",
                column: "source_code");

            migrationBuilder.CreateIndex(
                name: "ix_target_paths_baseline_source_code",
                table: "target_paths",
                column: "baseline_source_code");

            migrationBuilder.CreateIndex(
                name: "ix_target_paths_indicator_code",
                table: "target_paths",
                column: "indicator_code");

            migrationBuilder.CreateIndex(
                name: "ix_target_paths_region_code_indicator_code",
                table: "target_paths",
                columns: new[] { "region_code", "indicator_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_target_years_target_path_id_year",
                table: "target_years",
                columns: new[] { "target_path_id", "year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "prevalence_figures");

            migrationBuilder.DropTable(
                name: "target_years");

            migrationBuilder.DropTable(
                name: "target_paths");

            migrationBuilder.DropTable(
                name: "data_sources");

            migrationBuilder.DropTable(
                name: "indicators");
        }
    }
}
