using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// Inserts many rows of one entity type with multi-row <c>INSERT … VALUES (…), (…)</c> statements in the current
/// transaction, bypassing the change tracker (tens of microseconds per row) while keeping EF's mapping: table and column
/// names, value converters and each provider's parameter types (SQLite's binary times and text GUIDs alike).
/// </summary>
internal static class BulkInsert
{
    /// <summary>
    /// Bound parameters per statement. Microsoft.Data.Sqlite binds by name, looking each name up in the statement's list
    /// of names (once more per prefix it tries when the name has none: hence the prefixed names below), so its cost grows
    /// with the square of the parameter count: 10,000 per statement took seconds, and 200 unprefixed names were an eighth
    /// of the service's CPU on the webhook path. Npgsql binds by position: a whole batch goes in one statement.
    /// </summary>
    private static int MaxParameters(LifecycleDbContext db) => db.Database.IsNpgsql() ? 4_000 : 100;

    public static async Task WriteAsync<TRow>(LifecycleDbContext db, IReadOnlyList<TRow> rows, CancellationToken ct)
        where TRow : class =>
        await InsertAsync(db, rows, conflict: null, ct);

    /// <summary>
    /// Inserts the rows whose <paramref name="uniqueKey"/> (property names of a unique index) is not stored yet, in
    /// the same statement that tells them apart (<c>ON CONFLICT … DO NOTHING RETURNING</c>, on SQLite and PostgreSQL
    /// alike, so a row another instance committed first is a duplicate, never an error). Answers the ids of the rows
    /// inserted; a key twice in <paramref name="rows"/> is inserted once.
    /// </summary>
    public static async Task<HashSet<Guid>> InsertNewAsync<TRow>(LifecycleDbContext db, IReadOnlyList<TRow> rows, string[] uniqueKey, CancellationToken ct)
        where TRow : class =>
        await InsertAsync(db, rows, uniqueKey, ct);

    private static async Task<HashSet<Guid>> InsertAsync<TRow>(LifecycleDbContext db, IReadOnlyList<TRow> rows, string[]? conflict, CancellationToken ct)
        where TRow : class
    {
        var inserted = new HashSet<Guid>();
        if (rows.Count == 0)
        {
            return inserted;
        }

        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("A bulk insert belongs to a unit of work: no transaction is open.");
        var entity = db.Model.FindEntityType(typeof(TRow)) ?? throw new InvalidOperationException($"{typeof(TRow)} is not mapped.");
        var sqlHelper = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(property => sqlHelper.DelimitIdentifier(property.GetColumnName())));
        var tail = conflict is null
            ? string.Empty
            : $" ON CONFLICT ({string.Join(", ", conflict.Select(name => sqlHelper.DelimitIdentifier(entity.FindProperty(name)!.GetColumnName())))}) DO NOTHING"
                + $" RETURNING {sqlHelper.DelimitIdentifier(entity.FindPrimaryKey()!.Properties.Single().GetColumnName())}";
        var connection = db.Database.GetDbConnection();
        foreach (var chunk in rows.Chunk(Math.Max(1, MaxParameters(db) / properties.Count)))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            var sql = new StringBuilder($"INSERT INTO {sqlHelper.DelimitIdentifier(entity.GetTableName()!)} ({columns}) VALUES ");
            for (var row = 0; row < chunk.Length; row++)
            {
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < properties.Count; column++)
                {
                    sql.Append(column == 0 ? string.Empty : ", ");
                    if (properties[column].PropertyInfo!.GetValue(chunk[row]) is not { } value)
                    {
                        // Unset columns (a new work row's lease and error) cost no parameter to bind.
                        sql.Append("NULL");
                        continue;
                    }

                    var name = sqlHelper.GenerateParameterName($"p{row}_{column}");
                    sql.Append(name);
                    command.Parameters.Add(Parameter(command, properties[column], name, value));
                }

                sql.Append(')');
            }

            command.CommandText = sql.Append(tail).ToString();
            if (conflict is null)
            {
                await command.ExecuteNonQueryAsync(ct);
                continue;
            }

            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                inserted.Add(reader.GetGuid(0));
            }
        }

        return inserted;
    }

    /// <summary>The property's own type mapping makes the parameter, converter included.</summary>
    private static DbParameter Parameter(DbCommand command, Microsoft.EntityFrameworkCore.Metadata.IProperty property, string name, object value) =>
        ((RelationalTypeMapping)property.GetTypeMapping()).CreateParameter(command, name, value, property.IsNullable);
}
