using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;


namespace TppsPortal.Data.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "email_digest",
                table: "users",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "email_muted_kinds",
                table: "users",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_digest_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "whats_app_number",
                table: "users",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    kind = table.Column<short>(type: "smallint", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    region_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    dedup_key = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    whats_app_text = table.Column<string>(type: "character varying(1500)", maxLength: 1500, nullable: true),
                    whats_app_to = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    email_state = table.Column<short>(type: "smallint", nullable: false),
                    email_attempts = table.Column<int>(type: "integer", nullable: false),
                    email_next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    email_sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    email_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reminder_settings",
                columns: table => new
                {
                    district_code = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: false, collation: "C"),
                    action_due_soon = table.Column<bool>(type: "boolean", nullable: false),
                    action_days_before = table.Column<int>(type: "integer", nullable: false),
                    action_overdue = table.Column<bool>(type: "boolean", nullable: false),
                    period_opened = table.Column<bool>(type: "boolean", nullable: false),
                    deadline_near = table.Column<bool>(type: "boolean", nullable: false),
                    deadline_days_before = table.Column<int>(type: "integer", nullable: false),
                    digest_hour = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reminder_settings", x => x.district_code);
                    table.ForeignKey(
                        name: "fk_reminder_settings_regions_district_code",
                        column: x => x.district_code,
                        principalTable: "regions",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_email_pending",
                table: "notifications",
                column: "email_next_attempt_at",
                filter: "email_state = 1");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unread",
                table: "notifications",
                column: "user_id",
                filter: "read_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_created_at",
                table: "notifications",
                columns: new[] { "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_user_id_dedup_key",
                table: "notifications",
                columns: new[] { "user_id", "dedup_key" },
                unique: true,
                filter: "dedup_key IS NOT NULL");

            // Open pages learn of new or read notifications from any portal instance: NOTIFY at commit with the
            // user ids (see NotificationSignal). One message per statement, "*" when the ids do not fit one message.
            migrationBuilder.Sql("""
                CREATE FUNCTION notifications_signal() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE ids text;
                BEGIN
                    SELECT string_agg(DISTINCT user_id, ',') INTO ids FROM changed;
                    IF ids IS NOT NULL THEN
                        PERFORM pg_notify('tpps_notifications', CASE WHEN length(ids) > 7000 THEN '*' ELSE ids END);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER notifications_signal_insert AFTER INSERT ON notifications
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_signal();
                CREATE TRIGGER notifications_signal_update AFTER UPDATE ON notifications
                    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION notifications_signal();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS notifications_signal_insert ON notifications;
                DROP TRIGGER IF EXISTS notifications_signal_update ON notifications;
                DROP FUNCTION IF EXISTS notifications_signal();
                """);

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "reminder_settings");

            migrationBuilder.DropColumn(
                name: "email_digest",
                table: "users");

            migrationBuilder.DropColumn(
                name: "email_muted_kinds",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_digest_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "whats_app_number",
                table: "users");
        }
    }
}
