using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bidang",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bidang", x => x.id);
                    table.ForeignKey(
                        name: "fk_bidang_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "district_letterheads",
                columns: table => new
                {
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    government = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    office = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    signing_place = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    logo = table.Column<byte[]>(type: "bytea", nullable: true),
                    logo_content_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_district_letterheads", x => x.district_code);
                    table.ForeignKey(
                        name: "fk_district_letterheads_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    start_time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    end_time = table.Column<TimeOnly>(type: "time without time zone", nullable: true),
                    time_zone = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    venue = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    purpose = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    chair_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    chair_position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    chair_nip = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    note_taker_name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    note_taker_position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    note_taker_nip = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    general_notes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    finalized_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finalized_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    is_example = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_regions_region_code",
                        column: x => x.region_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "team_decrees",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    decree_date = table.Column<DateOnly>(type: "date", nullable: false),
                    period_start = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end = table.Column<DateOnly>(type: "date", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_decrees", x => x.id);
                    table.ForeignKey(
                        name: "fk_team_decrees_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "meeting_agenda_items",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    notes = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_amendments",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    summary = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    amended_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    amended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_amendments", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_amendments_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_attendees",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    guest_organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_attendees", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_attendees_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_attendees_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_decisions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    text = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    bidang_id = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_decisions_bidang_bidang_id",
                        column: x => x.bidang_id,
                        principalTable: "bidang",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_decisions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_invitations",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: false),
                    attendance = table.Column<short>(type: "smallint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_invitations", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_invitations_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_invitations_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meeting_speakers",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    order = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    origin = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    topic = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meeting_speakers", x => x.id);
                    table.ForeignKey(
                        name: "fk_meeting_speakers_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_meeting_speakers_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "team_members",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    decree_id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    nip = table.Column<string>(type: "character varying(21)", maxLength: 21, nullable: true),
                    agency_id = table.Column<int>(type: "integer", nullable: true),
                    role = table.Column<short>(type: "smallint", nullable: false),
                    bidang_id = table.Column<int>(type: "integer", nullable: true),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_team_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_team_members_agencies_agency_id",
                        column: x => x.agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_team_members_bidang_bidang_id",
                        column: x => x.bidang_id,
                        principalTable: "bidang",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_team_members_team_decrees_decree_id",
                        column: x => x.decree_id,
                        principalTable: "team_decrees",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_actions",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<int>(type: "integer", nullable: false),
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    decision_id = table.Column<int>(type: "integer", nullable: true),
                    number = table.Column<int>(type: "integer", nullable: false),
                    description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    responsible_agency_id = table.Column<int>(type: "integer", nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<short>(type: "smallint", nullable: false),
                    area_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true, collation: "C"),
                    bidang_id = table.Column<int>(type: "integer", nullable: true),
                    is_example = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_actions", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_agencies_responsible_agency_id",
                        column: x => x.responsible_agency_id,
                        principalTable: "agencies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_bidang_bidang_id",
                        column: x => x.bidang_id,
                        principalTable: "bidang",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_decision_decision_id",
                        column: x => x.decision_id,
                        principalTable: "meeting_decisions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_up_actions_regions_area_code",
                        column: x => x.area_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_action_progress",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    action_id = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    status_after = table.Column<short>(type: "smallint", nullable: true),
                    author = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_action_progress", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_action_progress_follow_up_actions_action_id",
                        column: x => x.action_id,
                        principalTable: "follow_up_actions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bidang_district_code_name",
                table: "bidang",
                columns: new[] { "district_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_action_progress_action_id",
                table: "follow_up_action_progress",
                column: "action_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_area_code",
                table: "follow_up_actions",
                column: "area_code");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_bidang_id",
                table: "follow_up_actions",
                column: "bidang_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_decision_id",
                table: "follow_up_actions",
                column: "decision_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_district_code_status_due_date",
                table: "follow_up_actions",
                columns: new[] { "district_code", "status", "due_date" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_meeting_id",
                table: "follow_up_actions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_actions_responsible_agency_id",
                table: "follow_up_actions",
                column: "responsible_agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_agenda_items_meeting_id",
                table: "meeting_agenda_items",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_amendments_meeting_id",
                table: "meeting_amendments",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_attendees_agency_id",
                table: "meeting_attendees",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_attendees_meeting_id",
                table: "meeting_attendees",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_decisions_bidang_id",
                table: "meeting_decisions",
                column: "bidang_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_decisions_meeting_id",
                table: "meeting_decisions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_invitations_agency_id",
                table: "meeting_invitations",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_invitations_meeting_id_agency_id",
                table: "meeting_invitations",
                columns: new[] { "meeting_id", "agency_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meeting_speakers_agency_id",
                table: "meeting_speakers",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_meeting_speakers_meeting_id",
                table: "meeting_speakers",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_region_code_date",
                table: "meetings",
                columns: new[] { "region_code", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_team_decrees_district_code_decree_date",
                table: "team_decrees",
                columns: new[] { "district_code", "decree_date" });

            migrationBuilder.CreateIndex(
                name: "ix_team_members_agency_id",
                table: "team_members",
                column: "agency_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_bidang_id",
                table: "team_members",
                column: "bidang_id");

            migrationBuilder.CreateIndex(
                name: "ix_team_members_decree_id",
                table: "team_members",
                column: "decree_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "district_letterheads");

            migrationBuilder.DropTable(
                name: "follow_up_action_progress");

            migrationBuilder.DropTable(
                name: "meeting_agenda_items");

            migrationBuilder.DropTable(
                name: "meeting_amendments");

            migrationBuilder.DropTable(
                name: "meeting_attendees");

            migrationBuilder.DropTable(
                name: "meeting_invitations");

            migrationBuilder.DropTable(
                name: "meeting_speakers");

            migrationBuilder.DropTable(
                name: "team_members");

            migrationBuilder.DropTable(
                name: "follow_up_actions");

            migrationBuilder.DropTable(
                name: "team_decrees");

            migrationBuilder.DropTable(
                name: "meeting_decisions");

            migrationBuilder.DropTable(
                name: "bidang");

            migrationBuilder.DropTable(
                name: "meetings");
        }
    }
}
