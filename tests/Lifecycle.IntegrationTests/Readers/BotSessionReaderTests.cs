using FluentValidation;
using Lifecycle.Application.Voicebot;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Voicebot;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class BotSessionReaderTests
{
    private readonly BotSessionReader reader = new();

    [Theory]
    [InlineData("call-status-callback.form")]
    [InlineData("call-status-callback-extended.json")]
    public void A_documented_status_callback_on_the_voicebot_url_is_the_calls_end(string fixture)
    {
        var item = Assert.Single(reader.Read(Parse(fixture)));

        var command = Assert.IsType<ApplyBotSessionEnd>(reader.ToCommand(item.Fields, item.Identity));

        Assert.Equal("80bfbec2d78bbbf10fb851f4fa165211|||completed", item.Identity.EventKey);
        Assert.Equal((CallStatus.Completed, (SessionOutcome?)null), (command.Status, command.Outcome));
    }

    [Theory]
    [InlineData("activated", SessionOutcome.Resolved)]
    [InlineData("Resolved", SessionOutcome.Resolved)]
    [InlineData("OFFER_ACCEPTED", SessionOutcome.OfferAccepted)]
    [InlineData("declined", SessionOutcome.Declined)]
    [InlineData("escalated", SessionOutcome.Escalated)]
    [InlineData("escalated_to_agent", SessionOutcome.Escalated)]
    [InlineData("unanswered", SessionOutcome.Unanswered)]
    [InlineData("callback_requested", SessionOutcome.Other)]
    public void Every_outcome_word_is_read_and_an_unknown_one_is_kept_not_refused(string word, SessionOutcome outcome)
    {
        var item = Assert.Single(reader.Read(Form(("CallSid", "CA1"), ("Status", "completed"), ("BotSessionId", "BS1"), ("BotOutcome", word),
            ("CustomField", "user_id:u|call:c"), ("ConversationDuration", "40"), ("RecordingUrl", "https://r/1.mp3"))));

        var command = Assert.IsType<ApplyBotSessionEnd>(reader.ToCommand(item.Fields, item.Identity));

        Assert.Equal($"CA1|BS1|{word.ToLowerInvariant()}|completed", item.Identity.EventKey);
        Assert.Equal((outcome, word.ToLowerInvariant(), "BS1", "user_id:u|call:c", 40, "https://r/1.mp3"),
            (command.Outcome, command.OutcomeName, command.BotSessionId, command.CustomField, command.DurationSeconds, command.RecordingUrl));
    }

    [Fact]
    public void The_v2_lowercase_names_are_read()
    {
        var item = Assert.Single(reader.Read(Form(("call_sid", "CA2"), ("status", "no-answer"), ("bot_session_id", "BS2"), ("bot_outcome", "unanswered"), ("custom_field", "cf"))));

        var command = Assert.IsType<ApplyBotSessionEnd>(reader.ToCommand(item.Fields, item.Identity));

        Assert.Equal(("CA2", CallStatus.NoAnswer, "BS2", SessionOutcome.Unanswered, "cf"),
            (command.CallSid, command.Status, command.BotSessionId, command.Outcome, command.CustomField));
    }

    [Fact]
    public void A_passthru_from_inside_the_flow_is_an_ongoing_call_keyed_on_its_call_type()
    {
        var item = Assert.Single(reader.Read(Parse("call-passthru.query")));

        var command = Assert.IsType<ApplyBotSessionEnd>(reader.ToCommand(item.Fields, item.Identity));

        Assert.Equal("80bfbec2d78bbbf10fb851f4fa165211|||passthru-completed", item.Identity.EventKey);
        Assert.Equal((CallStatus.Placed, 320), (command.Status, command.DurationSeconds));
        Assert.Equal("1234", item.Fields.Text("digits"));
    }

    [Fact]
    public void Only_the_call_sid_is_required() =>
        Assert.Equal("CallSid", Assert.Single(Assert.Throws<ValidationException>(() => reader.Read(Form(("BotOutcome", "resolved")))).Errors).PropertyName);
}
