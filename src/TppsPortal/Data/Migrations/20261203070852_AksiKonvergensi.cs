using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class AksiKonvergensi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aksi_assessments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    year = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_assessments", x => x.id);
                    table.ForeignKey(
                        name: "fk_aksi_assessments_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aksi_cycles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    year = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_cycles", x => x.id);
                    table.ForeignKey(
                        name: "fk_aksi_cycles_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "aksi_scores",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    assessment_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    score = table.Column<int>(type: "integer", nullable: true),
                    comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_scores", x => x.id);
                    table.CheckConstraint("ck_aksi_scores_score", "score IS NULL OR score BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_aksi_scores_aksi_assessments_assessment_id",
                        column: x => x.assessment_id,
                        principalTable: "aksi_assessments",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aksi_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    cycle_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    responsible_agency_id = table.Column<int>(type: "integer", nullable: true),
                    planned_month = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    completed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_items", x => x.id);
                    table.CheckConstraint("ck_aksi_items_number", "number BETWEEN 1 AND 8");
                    table.CheckConstraint("ck_aksi_items_planned_month", "planned_month BETWEEN 1 AND 12");
                    table.ForeignKey(
                        name: "fk_aksi_items_agencies_responsible_agency_id",
                        column: x => x.responsible_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_aksi_items_aksi_cycles_cycle_id",
                        column: x => x.cycle_id,
                        principalTable: "aksi_cycles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aksi_evidence",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    item_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    document_date = table.Column<DateOnly>(type: "date", nullable: true),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    target_id = table.Column<int>(type: "integer", nullable: true),
                    uploaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_aksi_evidence_aksi_items_item_id",
                        column: x => x.item_id,
                        principalTable: "aksi_items",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "aksi_evidence_files",
                columns: table => new
                {
                    evidence_id = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_aksi_evidence_files", x => x.evidence_id);
                    table.ForeignKey(
                        name: "fk_aksi_evidence_files_aksi_evidence_evidence_id",
                        column: x => x.evidence_id,
                        principalTable: "aksi_evidence",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_aksi_assessments_district_code_year",
                table: "aksi_assessments",
                columns: new[] { "district_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aksi_cycles_district_code_year",
                table: "aksi_cycles",
                columns: new[] { "district_code", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aksi_evidence_item_id",
                table: "aksi_evidence",
                column: "item_id");

            migrationBuilder.CreateIndex(
                name: "ix_aksi_items_cycle_id_number",
                table: "aksi_items",
                columns: new[] { "cycle_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_aksi_items_responsible_agency_id",
                table: "aksi_items",
                column: "responsible_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_aksi_scores_assessment_id_number",
                table: "aksi_scores",
                columns: new[] { "assessment_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aksi_evidence_files");

            migrationBuilder.DropTable(
                name: "aksi_scores");

            migrationBuilder.DropTable(
                name: "aksi_evidence");

            migrationBuilder.DropTable(
                name: "aksi_assessments");

            migrationBuilder.DropTable(
                name: "aksi_items");

            migrationBuilder.DropTable(
                name: "aksi_cycles");
        }
    }
}
