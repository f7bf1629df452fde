using Lifecycle.Application.Lifecycle;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Lifecycle;

internal sealed class ConversationRepository(LifecycleDbContext db) : IConversationRepository
{
    public Task<Conversation?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Conversation>().FirstOrDefaultAsync(conversation => conversation.Id == id, ct);

    public Task<Conversation?> FindBySessionAsync(string sessionId, CancellationToken ct) =>
        db.Set<Conversation>().FirstOrDefaultAsync(conversation => conversation.SessionId == sessionId, ct);

    public async Task<Conversation?> FindOpenAsync(UserId userId, string flow, CancellationToken ct) =>
        db.Set<Conversation>().Local.Where(conversation => conversation.UserId == userId && conversation.Flow == flow && conversation.EndedAt == null)
            .OrderByDescending(conversation => conversation.StartedAt)
            .FirstOrDefault()
        ?? (await db.Set<Conversation>()
            .Where(conversation => conversation.UserId == userId && conversation.Flow == flow && conversation.EndedAt == null)
            .ToListAsync(ct))
            .OrderByDescending(conversation => conversation.StartedAt)
            .FirstOrDefault();

    public async Task<IReadOnlyList<Conversation>> ListAsync(UserId userId, CancellationToken ct) =>
        [.. (await db.Set<Conversation>().AsNoTracking().Where(conversation => conversation.UserId == userId).ToListAsync(ct))
            .OrderBy(conversation => conversation.StartedAt)];

    /// <summary>
    /// One query for the session's conversations, then one per generation of legs (a chat, its voicebot call, that call's
    /// agent: three at most in practice), each an index seek on <c>parent_id</c>.
    /// </summary>
    public async Task<IReadOnlyList<Conversation>> ListChainAsync(string sessionId, CancellationToken ct)
    {
        var chain = await db.Set<Conversation>().AsNoTracking().Where(conversation => conversation.SessionId == sessionId).ToListAsync(ct);
        var seen = chain.Select(conversation => conversation.Id).ToHashSet();
        for (var parents = seen.ToList(); parents.Count > 0;)
        {
            var legs = (await db.Set<Conversation>().AsNoTracking()
                    .Where(conversation => conversation.ParentId != null && parents.Contains(conversation.ParentId.Value))
                    .ToListAsync(ct))
                .Where(conversation => seen.Add(conversation.Id))
                .ToList();
            chain.AddRange(legs);
            parents = [.. legs.Select(conversation => conversation.Id)];
        }

        // A stable sort: a leg started in the same instant as its parent (a handoff call) still follows it.
        return [.. chain.OrderBy(conversation => conversation.StartedAt)];
    }

    public async Task<Conversation?> FindLegAsync(Guid parentId, Channel channel, CancellationToken ct) =>
        db.Set<Conversation>().Local.FirstOrDefault(conversation => conversation.ParentId == parentId && conversation.Channel == channel)
        ?? await db.Set<Conversation>().FirstOrDefaultAsync(conversation => conversation.ParentId == parentId && conversation.Channel == channel, ct);

    public void Add(Conversation conversation) => db.Set<Conversation>().Add(conversation);
}

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("conversations");
        builder.HasKey(conversation => conversation.Id);
        builder.Property(conversation => conversation.Id).ValueGeneratedNever();
        builder.Property(conversation => conversation.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(conversation => conversation.Channel).HasConversion(ValueConversions.Wire(ChannelNames.Wire)).HasMaxLength(16);
        builder.Property(conversation => conversation.Flow).HasMaxLength(32);
        builder.Property(conversation => conversation.SessionId).HasMaxLength(128);
        builder.Property(conversation => conversation.Outcome).HasMaxLength(32);
        builder.Property(conversation => conversation.Queue).HasMaxLength(64);
        builder.Property(conversation => conversation.AgentId).HasMaxLength(64);
        builder.Property(conversation => conversation.TranscriptUrl).HasMaxLength(1024);
        builder.Property(conversation => conversation.Context)
            .HasConversion(ValueConversions.Json<ChatContext>(), ValueConversions.JsonComparer<ChatContext>());
        builder.Property(conversation => conversation.Version).IsConcurrencyToken();
        builder.HasIndex(conversation => conversation.SessionId);
        builder.HasIndex(conversation => new { conversation.UserId, conversation.Flow });
        builder.HasIndex(conversation => conversation.ParentId);
        builder.HasMany(conversation => conversation.Steps).WithOne().HasForeignKey(step => step.ConversationId);
        builder.Navigation(conversation => conversation.Steps).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ConversationStepConfiguration : IEntityTypeConfiguration<ConversationStep>
{
    public void Configure(EntityTypeBuilder<ConversationStep> builder)
    {
        builder.ToTable("conversation_steps");
        builder.HasKey(step => step.Id);
        builder.Property(step => step.Id).ValueGeneratedNever();
        builder.Property(step => step.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(step => step.Step).HasMaxLength(32);
        builder.Property(step => step.Detail).HasMaxLength(ConversationStep.MaxDetailLength);
        builder.HasIndex(step => new { step.UserId, step.At });
    }
}
