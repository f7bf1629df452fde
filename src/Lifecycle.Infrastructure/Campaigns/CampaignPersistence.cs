using System.Linq.Expressions;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Application.Campaigns;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Campaigns;

internal sealed class CampaignEnrolmentRepository(LifecycleDbContext db) : ICampaignEnrolments
{
    /// <summary>The statuses <see cref="EnrolmentStatusNames.IsOpen"/> names, in a form the database can compare.</summary>
    internal static readonly EnrolmentStatus[] OpenStatuses = [EnrolmentStatus.Enrolling, EnrolmentStatus.Active, EnrolmentStatus.Unconfirmed];

    public Task<CampaignEnrolment?> FindOpenAsync(string campaignId, string phone, CancellationToken ct) =>
        LatestOpenAsync(enrolment => enrolment.CampaignId == campaignId && enrolment.Phone == phone, ct);

    public Task<CampaignEnrolment?> FindOpenOfUserAsync(UserId userId, string campaignId, CancellationToken ct) =>
        LatestOpenAsync(enrolment => enrolment.UserId == userId && enrolment.CampaignId == campaignId, ct);

    /// <summary>An open enrolment added in this unit of work first (not saved yet), else the latest stored one.</summary>
    private async Task<CampaignEnrolment?> LatestOpenAsync(Expression<Func<CampaignEnrolment, bool>> which, CancellationToken ct) =>
        db.Set<CampaignEnrolment>().Local.Where(which.Compile()).FirstOrDefault(enrolment => enrolment.Status.IsOpen())
        ?? await db.Set<CampaignEnrolment>()
            .Where(which)
            .Where(enrolment => OpenStatuses.Contains(enrolment.Status))
            .OrderByDescending(enrolment => enrolment.RequestedAt)
            .FirstOrDefaultAsync(ct);

    public void Add(CampaignEnrolment enrolment) => db.Set<CampaignEnrolment>().Add(enrolment);

    public void Add(CampaignEvent campaignEvent) => db.Set<CampaignEvent>().Add(campaignEvent);
}

internal sealed class SegmentReader(LifecycleDbContext db) : ISegmentReader
{
    public async Task<IReadOnlyList<SegmentMember>> ReadAsync(int skip, int count, CancellationToken ct)
    {
        var page = await db.Users.AsNoTracking().Where(user => user.Phone != null).OrderBy(user => user.Id).Skip(skip).Take(count)
            .Select(user => new { user.Id, user.Phone, user.Name, user.Stage })
            .ToListAsync(ct);
        return [.. page.Select(user => new SegmentMember(user.Id, user.Phone!.Value, user.Name, user.Stage))];
    }
}

internal sealed class CampaignEnrolmentConfiguration : IEntityTypeConfiguration<CampaignEnrolment>
{
    public void Configure(EntityTypeBuilder<CampaignEnrolment> builder)
    {
        builder.ToTable("campaign_enrolments");
        builder.HasKey(enrolment => enrolment.Id);
        builder.Property(enrolment => enrolment.Id).ValueGeneratedNever();
        builder.Property(enrolment => enrolment.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(enrolment => enrolment.CampaignId).HasMaxLength(64);
        builder.Property(enrolment => enrolment.Phone).HasMaxLength(16);
        builder.Property(enrolment => enrolment.Reason).HasMaxLength(64);
        builder.Property(enrolment => enrolment.Status).HasConversion(ValueConversions.Wire(EnrolmentStatusNames.Wire)).HasMaxLength(16);
        builder.Property(enrolment => enrolment.Detail).HasMaxLength(500);
        builder.Property(enrolment => enrolment.LastEvent).HasMaxLength(32);
        builder.Property(enrolment => enrolment.Version).IsConcurrencyToken();
        builder.HasIndex(enrolment => new { enrolment.CampaignId, enrolment.Phone, enrolment.Status });
        builder.HasIndex(enrolment => enrolment.UserId);
    }
}

internal sealed class CampaignEventConfiguration : IEntityTypeConfiguration<CampaignEvent>
{
    public void Configure(EntityTypeBuilder<CampaignEvent> builder)
    {
        builder.ToTable("campaign_events");
        builder.HasKey(campaignEvent => campaignEvent.Id);
        builder.Property(campaignEvent => campaignEvent.Id).ValueGeneratedNever();
        builder.Property(campaignEvent => campaignEvent.EventKey).HasMaxLength(200);
        builder.Property(campaignEvent => campaignEvent.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(campaignEvent => campaignEvent.Name).HasMaxLength(64);
        builder.Property(campaignEvent => campaignEvent.CampaignId).HasMaxLength(64);
        builder.Property(campaignEvent => campaignEvent.Phone).HasMaxLength(16);
        builder.Property(campaignEvent => campaignEvent.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(campaignEvent => campaignEvent.Channel).HasMaxLength(32);
        builder.HasIndex(campaignEvent => campaignEvent.EventKey).IsUnique();
        builder.HasIndex(campaignEvent => campaignEvent.EnrolmentId);
        builder.HasIndex(campaignEvent => new { campaignEvent.UserId, campaignEvent.At });
    }
}
