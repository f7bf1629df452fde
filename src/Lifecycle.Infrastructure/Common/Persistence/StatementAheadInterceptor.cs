using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// Sends the statement queued in <see cref="LifecycleDbContext.StatementAhead"/> with the next command the context
/// runs: in front of a query's own text, so both go in one round trip (PostgreSQL and SQLite both skip a statement
/// that returns no rows when they read a query's results), or just before any other command, whose row counts must
/// stay its own. The inbox processor opens each event's savepoint this way, so that a savepoint costs no round trip.
/// </summary>
internal sealed class StatementAheadInterceptor : DbCommandInterceptor
{
    public static readonly StatementAheadInterceptor Instance = new();

    private StatementAheadInterceptor()
    {
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (Take(eventData) is { } statement)
        {
            if (IsQuery(eventData))
            {
                Prepend(command, statement);
            }
            else
            {
                Ahead(command, statement).ExecuteNonQuery();
            }
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is { } statement)
        {
            if (IsQuery(eventData))
            {
                Prepend(command, statement);
            }
            else
            {
                await using var ahead = Ahead(command, statement);
                await ahead.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (Take(eventData) is { } statement)
        {
            using var ahead = Ahead(command, statement);
            ahead.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is { } statement)
        {
            await using var ahead = Ahead(command, statement);
            await ahead.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (Take(eventData) is { } statement)
        {
            using var ahead = Ahead(command, statement);
            ahead.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (Take(eventData) is { } statement)
        {
            await using var ahead = Ahead(command, statement);
            await ahead.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private static string? Take(CommandEventData eventData)
    {
        if (eventData.Context is not LifecycleDbContext { StatementAhead: { } statement } db)
        {
            return null;
        }

        db.StatementAhead = null;
        return statement;
    }

    /// <summary>A LINQ or SQL query reads one result set; a save reads one per statement, so nothing may go in front of it.</summary>
    private static bool IsQuery(CommandEventData eventData) => eventData.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery;

    private static void Prepend(DbCommand command, string statement) => command.CommandText = $"{statement};\n{command.CommandText}";

    private static DbCommand Ahead(DbCommand command, string statement)
    {
        var ahead = command.Connection!.CreateCommand();
        ahead.Transaction = command.Transaction;
        ahead.CommandText = statement;
        return ahead;
    }
}
