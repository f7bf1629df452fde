using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Domain.Common;
using Lifecycle.Infrastructure.Common.Durable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// One transaction around a handler: its state changes, the domain events they raise (handled before commit),
/// the outbox and timer rows both add, the processed-event row that makes a re-delivery a no-op, and — when the
/// handler applies an inbox event — the inbox row marked done.
/// </summary>
internal sealed class EfUnitOfWork(LifecycleDbContext db, IServiceProvider services, TimeProvider clock, CurrentInboxEvent inboxEvent) : IUnitOfWork
{
    private static readonly ConcurrentDictionary<Type, MethodInfo> HandleMethods = new();

    public async Task<TResult> ExecuteAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct)
    {
        if (inboxEvent.TakeSharedTransaction())
        {
            // The inbox processor opened the transaction for several events and commits it: this one only saves into it.
            var saved = await work(ct);
            await SaveAsync(saved, eventKey, ct);
            return saved;
        }

        if (db.Database.CurrentTransaction is not null)
        {
            return await work(ct);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await work(ct);
        await SaveAsync(result, eventKey, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    public async Task<TResult> CommitAfterAsync<TResult>(Func<CancellationToken, ValueTask<TResult>> work, string? eventKey, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(ct);
        }

        var result = await work(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await SaveAsync(result, eventKey, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    /// <summary>The domain events' reactions, the processed-event row, one save, then the inbox row's completion.</summary>
    private async Task SaveAsync<TResult>(TResult result, string? eventKey, CancellationToken ct)
    {
        await DispatchDomainEventsAsync(ct);
        if (eventKey is not null)
        {
            db.ProcessedEvents.Add(new ProcessedEvent
            {
                EventKey = eventKey,
                Outcome = JsonSerializer.Serialize(result, DurableMessageTypes.Json),
                ProcessedAt = clock.GetUtcNow(),
            });
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException conflict)
        {
            // Nothing of a refused unit stays tracked, so the caller may read afresh and try again.
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(conflict);
        }
        catch (DbUpdateException duplicate) when (IsUniqueViolation(duplicate))
        {
            db.ChangeTracker.Clear();
            throw new ConcurrencyConflictException(duplicate);
        }

        await inboxEvent.CompleteInTransactionAsync(ct);
    }

    /// <summary>Two requests raced to create the same record (a phone, an event key): the loser is a conflict, not a crash.</summary>
    private static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    private async Task DispatchDomainEventsAsync(CancellationToken ct)
    {
        while (db.ChangeTracker.Entries<AggregateRoot>().SelectMany(entry => entry.Entity.DequeueDomainEvents()).ToList() is { Count: > 0 } events)
        {
            foreach (var domainEvent in events)
            {
                var handlerType = typeof(IDomainEventHandler<>).MakeGenericType(domainEvent.GetType());
                var handle = HandleMethods.GetOrAdd(handlerType, type => type.GetMethod(nameof(IDomainEventHandler<IDomainEvent>.HandleAsync))!);
                foreach (var handler in services.GetServices(handlerType))
                {
                    await (Task)handle.Invoke(handler, [domainEvent, ct])!;
                }
            }
        }
    }
}

internal sealed class EfProcessedEvents(LifecycleDbContext db) : IProcessedEvents
{
    public async Task<string?> FindOutcomeAsync(string eventKey, CancellationToken ct) =>
        await db.ProcessedEvents.AsNoTracking()
            .Where(row => row.EventKey == eventKey)
            .Select(row => row.Outcome ?? "null")
            .FirstOrDefaultAsync(ct);
}
