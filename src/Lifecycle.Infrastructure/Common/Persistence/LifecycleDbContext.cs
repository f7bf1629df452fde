using System.Text;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.Infrastructure.Common.Persistence;

/// <summary>
/// The one store of the service. Each provider has its own subclass so that each keeps its own migrations set;
/// the model is the same, tables and columns are snake_case on both.
/// </summary>
public abstract class LifecycleDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<StageTransition> StageTransitions => Set<StageTransition>();

    public DbSet<OutboundMessage> OutboundMessages => Set<OutboundMessage>();

    internal DbSet<OutboxMessageRow> Outbox => Set<OutboxMessageRow>();

    internal DbSet<InboxEventRow> Inbox => Set<InboxEventRow>();

    internal DbSet<TimerRow> Timers => Set<TimerRow>();

    internal DbSet<ProcessedEvent> ProcessedEvents => Set<ProcessedEvent>();

    /// <summary>
    /// A statement to send with the next command this context runs, in the same round trip where it can
    /// (<see cref="StatementAheadInterceptor"/>); null once sent. Whoever queues one clears it before the context goes
    /// back to the pool, and queues a savepoint only with <c>AutoSavepointsEnabled</c> off: EF's own savepoint around a
    /// save goes out before the save's commands, and releasing it would release the queued one too.
    /// </summary>
    internal string? StatementAhead { get; set; }

    /// <summary>True on PostgreSQL, where claims use <c>FOR UPDATE SKIP LOCKED</c>.</summary>
    internal abstract bool SupportsSkipLocked { get; }

    /// <summary>
    /// True on PostgreSQL, where transactions write side by side. SQLite lets one write at a time: a second writer
    /// waits, or fails outright when it read first.
    /// </summary>
    internal abstract bool SupportsConcurrentWriters { get; }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<AggregateRoot>().Where(entry => entry.State == EntityState.Modified))
        {
            entry.Entity.BumpVersion();
        }

        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LifecycleDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
            }

            foreach (var key in entity.GetKeys())
            {
                key.SetName(SnakeCase(key.GetName()!));
            }

            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
            }

            foreach (var foreignKey in entity.GetForeignKeys())
            {
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            }
        }
    }

    private static string SnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
