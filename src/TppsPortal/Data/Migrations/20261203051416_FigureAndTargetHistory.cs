using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class FigureAndTargetHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "change_records",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subject = table.Column<short>(type: "smallint", nullable: false),
                    entity_id = table.Column<int>(type: "integer", nullable: false),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    indicator_code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_change_records", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_change_records_region_code_at",
                table: "change_records",
                columns: new[] { "region_code", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "change_records");
        }
    }
}
