using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Lifecycle;

internal sealed class CallRepository(LifecycleDbContext db) : ICallRepository
{
    public Task<Call?> FindAsync(Guid id, CancellationToken ct) => db.Set<Call>().FirstOrDefaultAsync(call => call.Id == id, ct);

    public Task<Call?> FindByCallSidAsync(string callSid, CancellationToken ct) =>
        db.Set<Call>().FirstOrDefaultAsync(call => call.CallSid == callSid, ct);

    public async Task<Call?> FindLatestForChatSessionAsync(string chatSessionId, CancellationToken ct) =>
        db.Set<Call>().Local.Where(call => call.ChatSessionId == chatSessionId).MaxBy(call => call.RequestedAt)
        ?? await db.Set<Call>().Where(call => call.ChatSessionId == chatSessionId).OrderByDescending(call => call.RequestedAt).FirstOrDefaultAsync(ct);

    public void Add(Call call) => db.Set<Call>().Add(call);
}

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("calls");
        builder.HasKey(call => call.Id);
        builder.Property(call => call.Id).ValueGeneratedNever();
        builder.Property(call => call.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(call => call.Purpose).HasConversion(ValueConversions.Wire(CallPurposeNames.Wire)).HasMaxLength(16);
        builder.Property(call => call.CustomField).HasMaxLength(128);
        builder.Property(call => call.ChatSessionId).HasMaxLength(128);
        builder.Property(call => call.AgentId).HasMaxLength(64);
        builder.Property(call => call.TicketId).HasMaxLength(64);
        builder.Property(call => call.CallSid).HasMaxLength(64);
        builder.Property(call => call.Status).HasConversion(ValueConversions.Wire(CallStatusNames.Wire)).HasMaxLength(16);
        builder.Property(call => call.RecordingUrl).HasMaxLength(1024);
        builder.Property(call => call.Failure).HasMaxLength(512);
        builder.Property(call => call.BotSessionId).HasMaxLength(128);
        builder.Property(call => call.BotOutcome).HasMaxLength(64);
        builder.Property(call => call.Version).IsConcurrencyToken();

        // The voicebot's tool reads a call by its sid within its 3 s budget: one index seek.
        builder.HasIndex(call => call.CallSid).IsUnique();
        builder.HasIndex(call => new { call.UserId, call.RequestedAt });
        builder.HasIndex(call => call.ChatSessionId);
    }
}

internal sealed class TicketRepository(LifecycleDbContext db) : ITicketRepository
{
    public Task<Ticket?> FindAsync(Guid id, CancellationToken ct) => db.Set<Ticket>().FirstOrDefaultAsync(ticket => ticket.Id == id, ct);

    public async Task<Paged<Ticket>> ListAsync(string? status, TicketKind? kind, PageRequest page, CancellationToken ct)
    {
        var query = db.Set<Ticket>().AsNoTracking();
        if (status is not null)
        {
            query = query.Where(ticket => ticket.Status == status);
        }

        if (kind is { } wanted)
        {
            query = query.Where(ticket => ticket.Kind == wanted);
        }

        return await query.OrderByDescending(ticket => ticket.CreatedAt).ThenByDescending(ticket => ticket.Id).PageAsync(page, ct);
    }

    public void Add(Ticket ticket) => db.Set<Ticket>().Add(ticket);
}

internal sealed class TicketConfiguration : IEntityTypeConfiguration<Ticket>
{
    public void Configure(EntityTypeBuilder<Ticket> builder)
    {
        builder.ToTable("tickets");
        builder.HasKey(ticket => ticket.Id);
        builder.Property(ticket => ticket.Id).ValueGeneratedNever();
        builder.Property(ticket => ticket.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(ticket => ticket.Kind).HasConversion(ValueConversions.Wire(TicketKindNames.Wire)).HasMaxLength(32);
        builder.Property(ticket => ticket.Reason).HasMaxLength(256);
        builder.Property(ticket => ticket.Status).HasMaxLength(16);
        builder.Property(ticket => ticket.CallSid).HasMaxLength(64);
        builder.Property(ticket => ticket.AgentId).HasMaxLength(64);
        builder.Property(ticket => ticket.InteractionId).HasMaxLength(160);
        builder.Property(ticket => ticket.Resolution).HasMaxLength(64);
        builder.Property(ticket => ticket.Version).IsConcurrencyToken();
        builder.HasIndex(ticket => new { ticket.Status, ticket.CreatedAt });
        builder.HasIndex(ticket => new { ticket.UserId, ticket.CreatedAt });
    }
}
