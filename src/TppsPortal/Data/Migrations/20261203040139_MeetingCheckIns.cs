using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeetingCheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "check_in_token",
                table: "meetings",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValueSql: "replace(gen_random_uuid()::text, '-', '')");

            migrationBuilder.CreateTable(
                name: "meeting_check_ins",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    guest_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    signature = table.Column<byte[]>(type: "bytea", nullable: true),
                    checked_in_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_check_ins", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_check_ins_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_check_ins_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_check_in_token",
                table: "meetings",
                column: "check_in_token",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_check_ins_agency_id",
                table: "meeting_check_ins",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_check_ins_meeting_id_checked_in_at",
                table: "meeting_check_ins",
                columns: new[] { "meeting_id", "checked_in_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "meeting_check_ins");

            migrationBuilder.DropIndex(
                name: "ix_meetings_check_in_token",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "check_in_token",
                table: "meetings");
        }
    }
}
