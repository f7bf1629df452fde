using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "closed_at",
                table: "tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "due_at",
                table: "tickets",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "interaction_id",
                table: "tickets",
                type: "TEXT",
                maxLength: 160,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution",
                table: "tickets",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "agent_id",
                table: "conversations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "context",
                table: "conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ticket_id",
                table: "conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transcript",
                table: "conversations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "transcript_url",
                table: "conversations",
                type: "TEXT",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "cqa_compliance_alerts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    interaction_id = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    failed_kpis = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cqa_compliance_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cqa_interactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    external_id = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    call_sid = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ticket_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    session_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    campaign_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    stage_at_ingest = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    audio_url = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    started_at = table.Column<long>(type: "INTEGER", nullable: false),
                    duration_seconds = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    last_event = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    reingest_count = table.Column<int>(type: "INTEGER", nullable: false),
                    failure = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    analysis_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    final_score = table.Column<double>(type: "REAL", nullable: true),
                    criticality_adjusted_score = table.Column<double>(type: "REAL", nullable: true),
                    kpis = table.Column<string>(type: "TEXT", nullable: false),
                    categories = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<long>(type: "INTEGER", nullable: false),
                    completed_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cqa_interactions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cqa_qa_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    interaction_id = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cqa_qa_tasks", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_conversations_parent_id",
                table: "conversations",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_calls_chat_session_id",
                table: "calls",
                column: "chat_session_id");

            migrationBuilder.CreateIndex(
                name: "ix_cqa_compliance_alerts_status_id",
                table: "cqa_compliance_alerts",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_cqa_compliance_alerts_user_id",
                table: "cqa_compliance_alerts",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_cqa_interactions_external_id",
                table: "cqa_interactions",
                column: "external_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cqa_interactions_user_id",
                table: "cqa_interactions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_cqa_qa_tasks_status_id",
                table: "cqa_qa_tasks",
                columns: new[] { "status", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_cqa_qa_tasks_user_id",
                table: "cqa_qa_tasks",
                column: "user_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cqa_compliance_alerts");

            migrationBuilder.DropTable(
                name: "cqa_interactions");

            migrationBuilder.DropTable(
                name: "cqa_qa_tasks");

            migrationBuilder.DropIndex(
                name: "ix_conversations_parent_id",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_calls_chat_session_id",
                table: "calls");

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
