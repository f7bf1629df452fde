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
        SendAhead(command, eventData, IsQuery(eventData));
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await SendAheadAsync(command, eventData, IsQuery(eventData), cancellationToken);
        return result;
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        SendAhead(command, eventData, inFront: false);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await SendAheadAsync(command, eventData, inFront: false, cancellationToken);
        return result;
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        SendAhead(command, eventData, inFront: false);
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await SendAheadAsync(command, eventData, inFront: false, cancellationToken);
        return result;
    }

    /// <param name="inFront">Whether the statement may go in front of the command's own text; otherwise it runs just before.</param>
    private static void SendAhead(DbCommand command, CommandEventData eventData, bool inFront)
    {
        if (Take(eventData) is not { } statement)
        {
            return;
        }

        if (inFront)
        {
            PutInFront(command, statement);
            return;
        }

        using var ahead = Ahead(command, statement);
        ahead.ExecuteNonQuery();
    }

    /// <inheritdoc cref="SendAhead"/>
    private static async ValueTask SendAheadAsync(DbCommand command, CommandEventData eventData, bool inFront, CancellationToken ct)
    {
        if (Take(eventData) is not { } statement)
        {
            return;
        }

        if (inFront)
        {
            PutInFront(command, statement);
            return;
        }

        await using var ahead = Ahead(command, statement);
        await ahead.ExecuteNonQueryAsync(ct);
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

    private static void PutInFront(DbCommand command, string statement) => command.CommandText = $"{statement};\n{command.CommandText}";

    private static DbCommand Ahead(DbCommand command, string statement)
    {
        var ahead = command.Connection!.CreateCommand();
        ahead.Transaction = command.Transaction;
        ahead.CommandText = statement;
        return ahead;
    }
}
