using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class ApiTokensAndDhis2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_integration",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    prefix = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false),
                    hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dhis2_element_maps",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    figure_key = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    data_element = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: false),
                    category_option_combo = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dhis2_element_maps", x => x.id);
                    table.ForeignKey(
                        name: "fk_dhis2_element_maps_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dhis2_org_unit_maps",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    org_unit = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dhis2_org_unit_maps", x => x.id);
                    table.ForeignKey(
                        name: "fk_dhis2_org_unit_maps_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_dhis2_org_unit_maps_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "dhis2_settings",
                columns: table => new
                {
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    org_unit_id_scheme = table.Column<short>(type: "smallint", nullable: false),
                    data_set = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    attribute_option_combo = table.Column<string>(type: "character varying(11)", maxLength: 11, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dhis2_settings", x => x.district_code);
                    table.ForeignKey(
                        name: "fk_dhis2_settings_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_hash",
                table: "api_tokens",
                column: "hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_dhis2_element_maps_district_code_figure_key",
                table: "dhis2_element_maps",
                columns: new[] { "district_code", "figure_key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dhis2_org_unit_maps_district_code_region_code",
                table: "dhis2_org_unit_maps",
                columns: new[] { "district_code", "region_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dhis2_org_unit_maps_region_code",
                table: "dhis2_org_unit_maps",
                column: "region_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "dhis2_element_maps");

            migrationBuilder.DropTable(
                name: "dhis2_org_unit_maps");

            migrationBuilder.DropTable(
                name: "dhis2_settings");

            migrationBuilder.DropColumn(
                name: "is_integration",
                table: "users");
        }
    }
}
