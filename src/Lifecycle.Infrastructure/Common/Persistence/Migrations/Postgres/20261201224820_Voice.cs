using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Voice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "bot_outcome",
                table: "calls",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "bot_session_id",
                table: "calls",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "conversation_id",
                table: "calls",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<int>(
                name: "duration_seconds",
                table: "calls",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ended_at",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "failure",
                table: "calls",
                type: "character varying(512)",
                maxLength: 512,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "placed_at",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "placing_at",
                table: "calls",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "recording_url",
                table: "calls",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status",
                table: "calls",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "requested");

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    call_sid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tickets", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_status_created_at",
                table: "tickets",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_tickets_user_id_created_at",
                table: "tickets",
                columns: new[] { "user_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "tickets");

            migrationBuilder.DropColumn(
                name: "bot_outcome",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "bot_session_id",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "conversation_id",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "duration_seconds",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "ended_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "failure",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "placed_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "placing_at",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "recording_url",
                table: "calls");

            migrationBuilder.DropColumn(
                name: "status",
                table: "calls");
        }
    }
}
