using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Chat : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_conversations_parent_id",
                table: "conversations",
                column: "parent_id");

            migrationBuilder.CreateIndex(
                name: "ix_calls_chat_session_id",
                table: "calls",
                column: "chat_session_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_conversations_parent_id",
                table: "conversations");

            migrationBuilder.DropIndex(
                name: "ix_calls_chat_session_id",
                table: "calls");
        }
    }
}
