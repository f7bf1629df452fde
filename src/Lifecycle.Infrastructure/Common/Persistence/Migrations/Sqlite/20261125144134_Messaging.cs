using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Messaging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempt",
                table: "outbound_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "delivery_id",
                table: "outbound_messages",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<bool>(
                name: "escalated",
                table: "outbound_messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "variables",
                table: "outbound_messages",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Messages sent before the ladder existed are a delivery of their own, first attempt.
            migrationBuilder.Sql("UPDATE outbound_messages SET delivery_id = id, attempt = 1 WHERE attempt = 0");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_messages_delivery_id",
                table: "outbound_messages",
                column: "delivery_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbound_messages_delivery_id",
                table: "outbound_messages");

            migrationBuilder.DropColumn(
                name: "attempt",
                table: "outbound_messages");

            migrationBuilder.DropColumn(
                name: "delivery_id",
                table: "outbound_messages");

            migrationBuilder.DropColumn(
                name: "escalated",
                table: "outbound_messages");

            migrationBuilder.DropColumn(
                name: "variables",
                table: "outbound_messages");
        }
    }
}
