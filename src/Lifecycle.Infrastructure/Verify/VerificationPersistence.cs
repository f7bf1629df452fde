using Lifecycle.Application.Verify;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Verify;
using Lifecycle.Infrastructure.Common.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Verify;

internal sealed class VerificationRepository(LifecycleDbContext db) : IVerificationRepository
{
    public Task<Verification?> FindAsync(Guid id, CancellationToken ct) =>
        db.Set<Verification>().FirstOrDefaultAsync(verification => verification.Id == id, ct);

    public Task<Verification?> FindByVoiceTokenHashAsync(string tokenHash, CancellationToken ct) =>
        db.Set<Verification>().FirstOrDefaultAsync(verification => verification.VoiceTokenHash == tokenHash, ct);

    public async Task<bool> ClaimVoiceTokenAsync(Guid verificationId, string tokenHash, DateTimeOffset now, CancellationToken ct) =>
        await db.Set<Verification>()
            .Where(verification => verification.Id == verificationId && verification.VoiceTokenHash == tokenHash && verification.VoiceTokenUsedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(verification => verification.VoiceTokenUsedAt, now), ct) == 1;

    public async Task<IReadOnlyList<Verification>> ListPendingAsync(E164Phone phone, CancellationToken ct) =>
        await db.Set<Verification>()
            .Where(verification => verification.Phone == phone && verification.Status == VerificationStatus.Pending)
            .ToListAsync(ct);

    public Task ReloadAsync(Verification verification, CancellationToken ct) => db.Entry(verification).ReloadAsync(ct);

    public void Add(Verification verification) => db.Set<Verification>().Add(verification);
}

internal sealed class VerificationConfiguration : IEntityTypeConfiguration<Verification>
{
    public void Configure(EntityTypeBuilder<Verification> builder)
    {
        builder.ToTable("verifications");
        builder.HasKey(verification => verification.Id);
        builder.Property(verification => verification.Id).ValueGeneratedNever();
        builder.Property(verification => verification.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(verification => verification.Phone).HasConversion(phone => phone.Value, value => E164Phone.Parse(value)).HasMaxLength(16);
        builder.Property(verification => verification.Purpose).HasConversion(ValueConversions.Wire(VerificationNames.Purposes)).HasMaxLength(24);
        builder.Property(verification => verification.Status).HasConversion(ValueConversions.Wire(VerificationNames.Statuses)).HasMaxLength(16);
        builder.Property(verification => verification.Channel).HasConversion(ValueConversions.Wire(VerificationNames.Channels)).HasMaxLength(8);
        builder.Property(verification => verification.ApprovedChannel).HasConversion(ValueConversions.Wire(VerificationNames.Channels)).HasMaxLength(8);
        builder.Property(verification => verification.ProviderSid).HasMaxLength(64);
        builder.Property(verification => verification.FailureReason).HasMaxLength(256);
        builder.Property(verification => verification.VoiceCodeSalt).HasMaxLength(32);
        builder.Property(verification => verification.VoiceCodeHash).HasMaxLength(64);
        builder.Property(verification => verification.VoiceTokenHash).HasMaxLength(64);
        builder.Property(verification => verification.VoiceCallSid).HasMaxLength(64);
        builder.Property(verification => verification.Version).IsConcurrencyToken();
        builder.HasIndex(verification => verification.Phone);
        builder.HasIndex(verification => verification.VoiceTokenHash).IsUnique();
    }
}
