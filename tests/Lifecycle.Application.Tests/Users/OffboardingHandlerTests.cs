using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Application.Lifecycle.Offboarding;
using Lifecycle.Application.Sms;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Domain.Common;
using Lifecycle.Domain.Lifecycle;
using Microsoft.Extensions.Options;

namespace Lifecycle.Application.Tests.Users;

public class OffboardingHandlerTests
{
    private readonly MessagingWorld world = new();
    private readonly RecordingOwner owner = new();
    private readonly FakeHasher hasher = new();

    public OffboardingHandlerTests() =>
        world.Catalog[OffboardUserHandler.Confirmation] = new NotificationDefinition
        {
            Sms = new SmsTemplate { Template = "Your account is closed.", DltTemplateId = "DLT-BYE", Type = "transactional" },
        };

    [Fact]
    public async Task Offboarding_moves_the_user_cancels_their_work_and_queues_the_confirmation_sms_before_erasing()
    {
        var user = world.NewUser(LifecycleStage.Engaged);

        var accepted = await Offboard(user.Id.Value);

        Assert.Equal(new OffboardingAccepted(user.Id.Value, "OFFBOARDED"), accepted);
        Assert.Equal(LifecycleStage.Offboarded, user.Stage);
        Assert.Equal("gdpr_request", user.Transitions.Last().Trigger);
        var cancelled = Assert.Single(owner.Cancelled);
        Assert.Equal(new OffboardedUser(user.Id, user.Phone, "Priya"), cancelled);
        var confirmation = Assert.Single(world.Messages.All);
        Assert.Equal((Channel.Sms, OffboardUserHandler.Confirmation, MessageStatus.Queued), (confirmation.Channel, confirmation.Notification, confirmation.Status));
        Assert.Single(world.Outbox.Of<SendSms>());
        Assert.Empty(owner.Erased);
        Assert.False(user.IsErased);
        Assert.Empty(world.Outbox.Of<UnenrollFromCampaign>());
    }

    [Fact]
    public async Task A_user_opted_out_of_sms_is_erased_at_once_and_gets_nothing()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        user.UpdatePreferences(optOutSms: true, optOutWhatsapp: null, channelPreference: null);
        var phone = user.Phone!;

        await Offboard(user.Id.Value);

        Assert.Empty(world.Messages.All);
        Assert.Empty(world.Outbox.Enqueued);
        Assert.True(user.IsErased);
        Assert.Equal($"hash:{phone.Value}", user.ErasedPhoneHash);
        Assert.Equal(new OffboardedUser(user.Id, phone, "Priya"), Assert.Single(owner.Erased));
    }

    [Fact]
    public async Task When_no_channel_carries_the_confirmation_the_user_is_erased_at_once()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        world.Catalog.Remove(OffboardUserHandler.Confirmation);
        world.Catalog[OffboardUserHandler.Confirmation] = new NotificationDefinition
        {
            WhatsApp = new WhatsAppTemplate { Template = "bye_v1" },
        };
        user.UpdatePreferences(optOutSms: null, optOutWhatsapp: true, channelPreference: null);

        await Offboard(user.Id.Value);

        Assert.Equal(MessageStatus.Failed, Assert.Single(world.Messages.All).Status);
        Assert.True(user.IsErased);
    }

    [Fact]
    public async Task The_active_campaign_is_left()
    {
        var user = world.NewUser(LifecycleStage.Onboarding);
        typeof(User).GetProperty(nameof(User.ActiveCampaignId))!.SetValue(user, "CMP_activation_d7");

        await Offboard(user.Id.Value);

        var unenroll = Assert.Single(world.Outbox.Of<UnenrollFromCampaign>());
        Assert.Equal(new UnenrollFromCampaign(user.Id.Value, "offboarded"), unenroll);
    }

    [Fact]
    public async Task A_second_request_changes_nothing()
    {
        var user = world.NewUser(LifecycleStage.Engaged);
        await Offboard(user.Id.Value);
        var transitions = user.TransitionCount;

        var again = await Offboard(user.Id.Value);

        Assert.Equal("OFFBOARDED", again.Stage);
        Assert.Equal(transitions, user.TransitionCount);
        Assert.Single(world.Messages.All);
        Assert.Single(owner.Cancelled);
    }

    [Fact]
    public async Task An_unknown_user_is_not_found() =>
        await Assert.ThrowsAsync<NotFoundException>(() => Offboard(Guid.NewGuid()));

    [Fact]
    public void The_command_is_correlated_by_the_user() =>
        Assert.Equal("0195a1b2-0000-7000-8000-000000000009", new OffboardUser(Guid.Parse("0195a1b2-0000-7000-8000-000000000009")).CorrelationId);

    [Theory]
    [InlineData(MessageStatus.Submitted)]
    [InlineData(MessageStatus.Failed)]
    public async Task The_confirmation_handed_over_erases_the_offboarded_user(MessageStatus status)
    {
        var user = world.NewUser(LifecycleStage.Offboarded);

        await Handed(user, OffboardUserHandler.Confirmation, status);

        Assert.True(user.IsErased);
        Assert.Single(owner.Erased);
    }

    [Fact]
    public async Task Another_message_handed_over_erases_nobody()
    {
        var user = world.NewUser(LifecycleStage.Offboarded);

        await Handed(user, "order_confirmed", MessageStatus.Submitted);

        Assert.False(user.IsErased);
        Assert.Empty(owner.Erased);
    }

    [Fact]
    public async Task A_confirmation_of_a_user_not_offboarded_erases_nobody()
    {
        var user = world.NewUser(LifecycleStage.Engaged);

        await Handed(user, OffboardUserHandler.Confirmation, MessageStatus.Submitted);

        Assert.False(user.IsErased);
    }

    [Fact]
    public async Task An_erased_user_is_not_erased_twice()
    {
        var user = world.NewUser(LifecycleStage.Offboarded);
        await Erasure().EraseAsync(user, CancellationToken.None);

        await Erasure().EraseAsync(user, CancellationToken.None);

        Assert.Single(owner.Erased);
    }

    [Fact]
    public void The_phone_hash_is_a_keyed_hmac_in_lowercase_hex()
    {
        var phone = E164Phone.Parse("+919876543210");
        var one = new HmacPhoneHasher(Options.Create(new PrivacyOptions { PhoneHashKey = "key-one-0123456789" }));
        var two = new HmacPhoneHasher(Options.Create(new PrivacyOptions { PhoneHashKey = "key-two-0123456789" }));

        var hash = one.Hash(phone);

        Assert.Equal(64, hash.Length);
        Assert.Equal(hash.ToLowerInvariant(), hash);
        Assert.Equal(hash, one.Hash(E164Phone.Parse("+919876543210")));
        Assert.NotEqual(hash, two.Hash(phone));
        Assert.NotEqual(hash, one.Hash(E164Phone.Parse("+919876543211")));
        Assert.DoesNotContain("9876543210", hash);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("fifteen-chars-1", false)]
    [InlineData("sixteen-chars-12", true)]
    public void The_hash_key_is_required_and_long_enough(string? key, bool valid) =>
        Assert.Equal(valid, new PrivacyOptionsValidator().Validate(new PrivacyOptions { PhoneHashKey = key }).IsValid);

    private Task<OffboardingAccepted> Offboard(Guid userId) =>
        new OffboardUserHandler(world.Users, [owner], world.Outbox, world.Ladder, Erasure(), world.Clock)
            .Handle(new OffboardUser(userId), CancellationToken.None).AsTask();

    private Task Handed(User user, string notification, MessageStatus status) =>
        new EraseOnceConfirmationHandedOver(world.Users, Erasure())
            .HandleAsync(new OutboundMessageHandedOver(Guid.NewGuid(), user.Id, notification, status), CancellationToken.None);

    private PersonalDataErasure Erasure() => new([owner], hasher);

    private sealed class RecordingOwner : IUserDataOwner
    {
        public List<OffboardedUser> Cancelled { get; } = [];

        public List<OffboardedUser> Erased { get; } = [];

        public Task CancelPendingAsync(OffboardedUser user, CancellationToken ct)
        {
            Cancelled.Add(user);
            return Task.CompletedTask;
        }

        public Task EraseAsync(OffboardedUser user, CancellationToken ct)
        {
            Erased.Add(user);
            return Task.CompletedTask;
        }
    }

    private sealed class FakeHasher : IPhoneHasher
    {
        public string Hash(E164Phone phone) => $"hash:{phone.Value}";
    }
}
