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
        builder.Property(verification => verification.ProviderSid).HasMaxLength(64);
        builder.Property(verification => verification.FailureReason).HasMaxLength(256);
        builder.Property(verification => verification.Version).IsConcurrencyToken();
        builder.HasIndex(verification => verification.Phone);
    }
}
