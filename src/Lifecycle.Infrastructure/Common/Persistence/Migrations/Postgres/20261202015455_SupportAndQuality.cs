using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SupportAndQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "agent_id",
                table: "tickets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "interaction_id",
                table: "tickets",
                type: "character varying(160)",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "tickets",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_id",
                table: "conversations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "context",
                table: "conversations",
                type: "character varying(4096)",
                maxLength: 4096,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ticket_id",
                table: "conversations",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transcript",
                table: "conversations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transcript_url",
                table: "conversations",
                type: "character varying(1024)",
                maxLength: 1024,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "agent_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "interaction_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "resolution",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "agent_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "context",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "ticket_id",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "transcript",
                table: "conversations");

            migrationBuilder.DropColumn(
                name: "transcript_url",
                table: "conversations");
        }
    }
}
