using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lifecycle.Infrastructure.Common.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VerifyFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "approved_at",
                table: "verifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "approved_channel",
                table: "verifications",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "last_sent_at",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "sends",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "sms_code_expires_at",
                table: "verifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sms_sends",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "sms_sends_started",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "voice_call_sid",
                table: "verifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "voice_code_expires_at",
                table: "verifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "voice_code_hash",
                table: "verifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "voice_code_salt",
                table: "verifications",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "voice_token_hash",
                table: "verifications",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "voice_token_used_at",
                table: "verifications",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "wrong_codes",
                table: "verifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);


            // Verifications started before this migration had sent one SMS code, which expires with them.
            migrationBuilder.Sql(
                "UPDATE verifications SET sends = 1, sms_sends = 1, last_sent_at = created_at, sms_code_expires_at = expires_at, "
                + "sms_sends_started = CASE WHEN provider_sid IS NULL THEN 0 ELSE 1 END;");

            migrationBuilder.CreateIndex(
                name: "ix_verifications_voice_token_hash",
                table: "verifications",
                column: "voice_token_hash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_verifications_voice_token_hash",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "approved_channel",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "attempts",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "last_sent_at",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "sends",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "sms_code_expires_at",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "sms_sends",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "sms_sends_started",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_call_sid",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_code_expires_at",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_code_hash",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_code_salt",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_token_hash",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "voice_token_used_at",
                table: "verifications");

            migrationBuilder.DropColumn(
                name: "wrong_codes",
                table: "verifications");
        }
    }
}
