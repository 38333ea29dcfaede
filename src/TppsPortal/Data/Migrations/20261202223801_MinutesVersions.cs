using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class MinutesVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "village_rows",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "opened_by",
                table: "reporting_periods",
                type: "character varying(150)",
                maxLength: 150,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "by",
                table: "report_changes",
                type: "character varying(150)",
                maxLength: 150,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "meetings",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "finalized_by",
                table: "meetings",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AddColumn<int>(
                name: "online_participants",
                table: "meetings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "signing_date",
                table: "meetings",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "signing_place",
                table: "meetings",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<string>(
                name: "amended_by",
                table: "meeting_amendments",
                type: "character varying(150)",
                maxLength: 150,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<string>(
                name: "submitted_by",
                table: "kecamatan_reports",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "decided_by",
                table: "kecamatan_reports",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "follow_up_actions",
                type: "character varying(150)",
                maxLength: 150,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            // Records name people by their display names: what was stored as a sign-in name becomes the person's full name.
            migrationBuilder.Sql("""
                UPDATE meetings x SET "finalized_by" = u.full_name FROM users u WHERE x."finalized_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE meetings x SET "updated_by" = u.full_name FROM users u WHERE x."updated_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE meeting_amendments x SET "amended_by" = u.full_name FROM users u WHERE x."amended_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE follow_up_actions x SET "updated_by" = u.full_name FROM users u WHERE x."updated_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE follow_up_action_progress x SET "author" = u.full_name FROM users u WHERE x."author" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE reporting_periods x SET "opened_by" = u.full_name FROM users u WHERE x."opened_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE kecamatan_reports x SET "submitted_by" = u.full_name FROM users u WHERE x."submitted_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE kecamatan_reports x SET "decided_by" = u.full_name FROM users u WHERE x."decided_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE village_rows x SET "updated_by" = u.full_name FROM users u WHERE x."updated_by" = u.user_name AND btrim(u.full_name) <> '';
                UPDATE report_changes x SET "by" = u.full_name FROM users u WHERE x."by" = u.user_name AND btrim(u.full_name) <> '';
                """);

            migrationBuilder.CreateTable(
                name: "minutes_versions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    summary = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    finalized_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    finalized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    verification_url = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_minutes_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_minutes_versions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_minutes_versions_code",
                table: "minutes_versions",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_minutes_versions_meeting_id_number",
                table: "minutes_versions",
                columns: new[] { "meeting_id", "number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "minutes_versions");

            migrationBuilder.DropColumn(
                name: "online_participants",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "signing_date",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "signing_place",
                table: "meetings");

            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "village_rows",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "opened_by",
                table: "reporting_periods",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150);

            migrationBuilder.AlterColumn<string>(
                name: "by",
                table: "report_changes",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150);

            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "meetings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "finalized_by",
                table: "meetings",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "amended_by",
                table: "meeting_amendments",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150);

            migrationBuilder.AlterColumn<string>(
                name: "submitted_by",
                table: "kecamatan_reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "decided_by",
                table: "kecamatan_reports",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "updated_by",
                table: "follow_up_actions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(150)",
                oldMaxLength: 150,
                oldNullable: true);
        }
    }
}
