using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Tests.Support;
using Lifecycle.Application.Tests.Verify;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Application.Tests.Users;

/// <summary>api.md reads: conversations by session or user, a user, a verification — 404 naming the resource when unknown.</summary>
public class QueriesTests
{
    private readonly MessagingWorld world = new();

    [Fact]
    public async Task Conversations_are_listed_by_user_or_by_session()
    {
        var user = world.NewUser();
        var other = world.NewUser(phone: "+919812345678");
        var chat = Conversation.Start(user.Id, Channel.WhatsApp, "onboarding", "CS_1", world.Clock.GetUtcNow());
        chat.HandTo("onboarding-agents", world.Clock.GetUtcNow());
        world.Conversations.Add(chat);
        world.Conversations.Add(Conversation.Start(user.Id, Channel.Voicebot, "win_back", "CA1", world.Clock.GetUtcNow()));
        world.Conversations.Add(Conversation.Start(other.Id, Channel.WhatsApp, "onboarding", "CS_2", world.Clock.GetUtcNow()));
        var handler = new ListConversationsHandler(world.Conversations);

        var byUser = await handler.Handle(new ListConversations(null, user.Id.Value), CancellationToken.None);
        var bySession = await handler.Handle(new ListConversations("CS_2", null), CancellationToken.None);

        Assert.Equal(["CS_1", "CA1"], byUser.Items.Select(item => item.SessionId));
        Assert.Equal(
            new ConversationView(
                chat.Id, user.Id.Value, "whatsapp", "onboarding", "CS_1", TestUsers.T0, null, "transferred", "onboarding-agents", null, null,
                null, null, null, null, null, null, null, null),
            byUser.Items[0]);
        Assert.Equal(other.Id.Value, Assert.Single(bySession.Items).UserId);
    }

    [Theory]
    [InlineData("CS_1", false, true)]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData(" ", false, false)]
    [InlineData("CS_1", true, false)]
    public void Exactly_one_of_session_id_and_user_id_is_given(string? sessionId, bool withUser, bool valid)
    {
        var result = new ListConversationsValidator().Validate(new ListConversations(sessionId, withUser ? Guid.NewGuid() : null));

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal(("session_id", "Give exactly one of session_id and user_id."), (error.PropertyName, error.ErrorMessage));
        }
    }

    [Fact]
    public async Task An_unknown_user_or_verification_is_a_404_naming_it()
    {
        var user = await Assert.ThrowsAsync<NotFoundException>(async () => await new GetUserHandler(world.Users).Handle(new GetUser(Guid.NewGuid()), CancellationToken.None));
        var timeline = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetTimelineHandler(world.Users, new EmptyTimeline()).Handle(new GetTimeline(Guid.NewGuid()), CancellationToken.None));
        var verify = new VerifyWorld();
        var verification = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await new GetVerificationHandler(verify.Verifications, verify.VerifyOptions, verify.Clock).Handle(new GetVerification(Guid.NewGuid()), CancellationToken.None));

        Assert.Equal(("User", "User", "Verification"), (user.Resource, timeline.Resource, verification.Resource));
    }

    private sealed class EmptyTimeline : ITimelineReader
    {
        public Task<IReadOnlyList<TimelineEntry>> ReadAsync(UserId userId, CancellationToken ct) => Task.FromResult<IReadOnlyList<TimelineEntry>>([]);
    }
}
