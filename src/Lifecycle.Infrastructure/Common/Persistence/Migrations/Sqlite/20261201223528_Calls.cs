using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Calls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "calls",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    custom_field = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    context = table.Column<string>(type: "TEXT", nullable: true),
                    chat_session_id = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    agent_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ticket_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    call_sid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calls", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_calls_call_sid",
                table: "calls",
                column: "call_sid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_calls_user_id_requested_at",
                table: "calls",
                columns: new[] { "user_id", "requested_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calls");
        }
    }
}
