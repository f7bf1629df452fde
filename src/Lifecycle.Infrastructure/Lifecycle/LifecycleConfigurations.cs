using Lifecycle.Domain.Common;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.Domain.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifecycle.Infrastructure.Lifecycle;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(user => user.Id);
        builder.Property(user => user.Id).HasConversion(ValueConversions.UserId).ValueGeneratedNever();
        builder.Property(user => user.Phone).HasConversion(phone => phone!.Value, value => E164Phone.Parse(value)).HasMaxLength(16);
        builder.HasIndex(user => user.Phone).IsUnique();
        builder.Property(user => user.Name).HasMaxLength(200);
        builder.Property(user => user.Stage).HasConversion(ValueConversions.Wire(StageNames.Wire)).HasMaxLength(16);
        builder.HasIndex(user => user.Stage);
        builder.Property(user => user.LastContactChannel).HasConversion(ValueConversions.Wire(ChannelNames.Wire)).HasMaxLength(16);
        builder.Property(user => user.ChannelPreference).HasConversion(ValueConversions.Wire(ChannelNames.Wire)).HasMaxLength(16);
        builder.Property(user => user.VerifySid).HasMaxLength(64);
        builder.Property(user => user.ActiveCampaignId).HasMaxLength(64);
        builder.Property(user => user.Version).IsConcurrencyToken();
        builder.HasMany(user => user.Transitions).WithOne().HasForeignKey(transition => transition.UserId);
        builder.Navigation(user => user.Transitions).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StageTransitionConfiguration : IEntityTypeConfiguration<StageTransition>
{
    public void Configure(EntityTypeBuilder<StageTransition> builder)
    {
        builder.HasKey(transition => transition.Id);
        builder.Property(transition => transition.Id).ValueGeneratedNever();
        builder.Property(transition => transition.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(transition => transition.From).HasConversion(ValueConversions.Wire(StageNames.Wire)).HasMaxLength(16);
        builder.Property(transition => transition.To).HasConversion(ValueConversions.Wire(StageNames.Wire)).HasMaxLength(16);
        builder.Property(transition => transition.Trigger).HasMaxLength(64);
        builder.Property(transition => transition.CorrelationId).HasMaxLength(128);
        builder.HasIndex(transition => new { transition.UserId, transition.Sequence }).IsUnique();
    }
}

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> builder)
    {
        builder.HasKey(message => message.Id);
        builder.Property(message => message.Id).ValueGeneratedNever();
        builder.Property(message => message.UserId).HasConversion(ValueConversions.UserId);
        builder.Property(message => message.Channel).HasConversion(ValueConversions.Wire(ChannelNames.Wire)).HasMaxLength(16);
        builder.Property(message => message.Status).HasConversion(ValueConversions.Wire(MessageStatusNames.Wire)).HasMaxLength(16);
        builder.Property(message => message.Notification).HasMaxLength(64);
        builder.Property(message => message.ProviderId).HasMaxLength(128);
        builder.Property(message => message.StatusDetail).HasMaxLength(256);
        builder.Property(message => message.Version).IsConcurrencyToken();
        builder.Property(message => message.Variables).HasConversion(ValueConversions.StringMap, ValueConversions.StringMapComparer);
        builder.HasIndex(message => message.DeliveryId);
        builder.HasIndex(message => new { message.Channel, message.ProviderId });
        builder.HasIndex(message => new { message.UserId, message.CreatedAt });
    }
}
