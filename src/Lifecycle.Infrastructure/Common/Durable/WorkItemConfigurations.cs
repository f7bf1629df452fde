using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Common.Durable;

internal abstract class WorkItemConfiguration<TRow> : IEntityTypeConfiguration<TRow>
    where TRow : WorkItem
{
    public virtual void Configure(EntityTypeBuilder<TRow> builder)
    {
        builder.HasKey(row => row.Id);
        builder.Property(row => row.Id).ValueGeneratedNever();
        builder.Property(row => row.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(row => row.LockedBy).HasMaxLength(128);
        builder.HasIndex(row => new { row.Status, row.NotBefore });
    }
}

internal sealed class OutboxMessageRowConfiguration : WorkItemConfiguration<OutboxMessageRow>
{
    public override void Configure(EntityTypeBuilder<OutboxMessageRow> builder)
    {
        base.Configure(builder);
        builder.ToTable("outbox_messages");
        builder.Property(row => row.Type).HasMaxLength(128);
    }
}

internal sealed class InboxEventRowConfiguration : WorkItemConfiguration<InboxEventRow>
{
    public override void Configure(EntityTypeBuilder<InboxEventRow> builder)
    {
        base.Configure(builder);
        builder.ToTable("inbox_events");
        builder.Property(row => row.Source).HasMaxLength(16);
        builder.Property(row => row.EventKey).HasMaxLength(256);
        builder.Property(row => row.EventType).HasMaxLength(64);
        builder.HasIndex(row => new { row.Source, row.EventKey }).IsUnique();
    }
}

internal sealed class TimerRowConfiguration : WorkItemConfiguration<TimerRow>
{
    public override void Configure(EntityTypeBuilder<TimerRow> builder)
    {
        base.Configure(builder);
        builder.ToTable("timers");
        builder.Property(row => row.Key).HasMaxLength(200);
        builder.Property(row => row.Type).HasMaxLength(128);
        builder.HasIndex(row => new { row.Key, row.Status });
    }
}

internal sealed class ProcessedEventConfiguration : IEntityTypeConfiguration<ProcessedEvent>
{
    public void Configure(EntityTypeBuilder<ProcessedEvent> builder)
    {
        builder.ToTable("processed_events");
        builder.HasKey(row => row.EventKey);
        builder.Property(row => row.EventKey).HasMaxLength(300);
    }
}
