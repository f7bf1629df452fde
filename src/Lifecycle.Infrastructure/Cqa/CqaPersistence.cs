using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Cqa;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Cqa;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Cqa;

internal sealed class InteractionRepository(LifecycleDbContext db) : IInteractionRepository
{
    public Task<Interaction?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Interaction>().FirstOrDefaultAsync(interaction => interaction.Id == id, ct);

    /// <summary>One added in this unit of work first (not saved yet), else the stored one.</summary>
    public async Task<Interaction?> FindByExternalIdAsync(string externalId, CancellationToken ct) =>
        db.Set<Interaction>().Local.FirstOrDefault(interaction => interaction.ExternalId == externalId)
        ?? await db.Set<Interaction>().FirstOrDefaultAsync(interaction => interaction.ExternalId == externalId, ct);

    public void Add(Interaction interaction) => db.Set<Interaction>().Add(interaction);
}

internal sealed class QualityReviewRepository(LifecycleDbContext db) : IQualityReviews
{
    public void Add(QaTask task) => db.Set<QaTask>().Add(task);

    public void Add(ComplianceAlert alert) => db.Set<ComplianceAlert>().Add(alert);

    // Ids are version 7 GUIDs: newest first is the ids' descending order, which both providers can sort.
    public Task<Paged<QaTask>> ListTasksAsync(string? status, PageRequest page, CancellationToken ct) =>
        db.Set<QaTask>().AsNoTracking().Where(task => status == null || task.Status == status).OrderByDescending(task => task.Id).PageAsync(page, ct);

    public Task<Paged<ComplianceAlert>> ListAlertsAsync(string? status, PageRequest page, CancellationToken ct) =>
        db.Set<ComplianceAlert>().AsNoTracking().Where(alert => status == null || alert.Status == status).OrderByDescending(alert => alert.Id).PageAsync(page, ct);
}

/// <summary>The CQA module's timeline entries: each analysis (<c>cqa</c>) and each review opened (<c>task</c>).</summary>
internal sealed class CqaTimeline(LifecycleDbContext db) : ITimelineSource
{
    public const string QaReviewTask = "qa_review";
    public const string ComplianceTask = "compliance_alert";

    public async Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct)
    {
        var analysed = await db.Set<Interaction>().AsNoTracking()
            .Where(interaction => interaction.UserId == userId && interaction.FinalScore != null)
            .Select(interaction => new { interaction.ExternalId, interaction.FinalScore, interaction.CompletedAt })
            .ToListAsync(ct);
        var tasks = await db.Set<QaTask>().AsNoTracking().Where(task => task.UserId == userId).ToListAsync(ct);
        var alerts = await db.Set<ComplianceAlert>().AsNoTracking().Where(alert => alert.UserId == userId).ToListAsync(ct);
        return
        [
            .. analysed.Select(TimelineEntry (a) => new CqaEntry(a.CompletedAt!.Value, a.ExternalId, a.FinalScore!.Value)),
            .. tasks.Select(task => new TaskEntry(task.CreatedAt, task.Id, QaReviewTask, task.Status, task.InteractionId)),
            .. alerts.Select(alert => new TaskEntry(alert.CreatedAt, alert.Id, ComplianceTask, alert.Status, alert.InteractionId)),
        ];
    }
}

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("cqa_interactions");
        builder.HasKey(interaction => interaction.Id);
        builder.Property(interaction => interaction.Id).ValueGeneratedNever();
        builder.Property(interaction => interaction.ExternalId).HasMaxLength(160);
        builder.Property(interaction => interaction.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(interaction => interaction.Channel).HasConversion<string>().HasMaxLength(16);
        builder.Property(interaction => interaction.CallSid).HasMaxLength(128);
        builder.Property(interaction => interaction.AgentId).HasMaxLength(64);
        builder.Property(interaction => interaction.TicketId).HasMaxLength(64);
        builder.Property(interaction => interaction.SessionId).HasMaxLength(128);
        builder.Property(interaction => interaction.CampaignId).HasMaxLength(64);
        builder.Property(interaction => interaction.StageAtIngest).HasConversion(ValueConversions.Wire(StageNames.Wire)).HasMaxLength(16);
        builder.Property(interaction => interaction.AudioUrl).HasMaxLength(1024);
        builder.Property(interaction => interaction.Status).HasConversion(ValueConversions.Wire(InteractionStatusNames.Wire)).HasMaxLength(16);
        builder.Property(interaction => interaction.LastEvent).HasMaxLength(64);
        builder.Property(interaction => interaction.Failure).HasMaxLength(500);
        builder.Property(interaction => interaction.AnalysisId).HasMaxLength(64);
        builder.Property(interaction => interaction.Kpis)
            .HasConversion(ValueConversions.JsonList<KpiResult>(), ValueConversions.JsonListComparer<KpiResult>());
        builder.Property(interaction => interaction.Categories)
            .HasConversion(ValueConversions.JsonList<CategoryScore>(), ValueConversions.JsonListComparer<CategoryScore>());
        builder.Property(interaction => interaction.Version).IsConcurrencyToken();
        builder.HasIndex(interaction => interaction.ExternalId).IsUnique();
        builder.HasIndex(interaction => interaction.UserId);
    }
}

internal sealed class QaTaskConfiguration : IEntityTypeConfiguration<QaTask>
{
    public void Configure(EntityTypeBuilder<QaTask> builder)
    {
        builder.ToTable("cqa_qa_tasks");
        builder.HasKey(task => task.Id);
        builder.Property(task => task.Id).ValueGeneratedNever();
        builder.Property(task => task.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(task => task.InteractionId).HasMaxLength(160);
        builder.Property(task => task.AgentId).HasMaxLength(64);
        builder.Property(task => task.Status).HasMaxLength(16);
        builder.HasIndex(task => new { task.Status, task.Id });
        builder.HasIndex(task => task.UserId);
    }
}

internal sealed class ComplianceAlertConfiguration : IEntityTypeConfiguration<ComplianceAlert>
{
    public void Configure(EntityTypeBuilder<ComplianceAlert> builder)
    {
        builder.ToTable("cqa_compliance_alerts");
        builder.HasKey(alert => alert.Id);
        builder.Property(alert => alert.Id).ValueGeneratedNever();
        builder.Property(alert => alert.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(alert => alert.InteractionId).HasMaxLength(160);
        builder.Property(alert => alert.AgentId).HasMaxLength(64);
        builder.Property(alert => alert.FailedKpis)
            .HasConversion(ValueConversions.JsonList<string>(), ValueConversions.JsonListComparer<string>())
            .HasMaxLength(2048);
        builder.Property(alert => alert.Status).HasMaxLength(16);
        builder.HasIndex(alert => new { alert.Status, alert.Id });
        builder.HasIndex(alert => alert.UserId);
    }
}
