using Lifecycle.Application.Chatbot;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Chatbot;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

/// <summary>
/// Exotel documents no chatbot webhook payload (docs/exotel-wire.md "Chatbot"): the reader takes the guide's and
/// api.md's names in every plausible shape, JSON or form.
/// </summary>
public class ChatbotEventReaderTests
{
    private static readonly Guid UserId = Guid.Parse("0193a4b5-0000-7000-8000-000000000001");

    private readonly ChatbotEventReader reader = new();

    [Fact]
    public void A_json_handoff_carries_the_bots_context()
    {
        var command = Read(ParseBody(
            $$"""{"event":"call_consent","session_id":"CS_abc","user_id":"{{UserId}}","timestamp":"2026-05-19T10:00:00Z","issue_summary":"Cannot upgrade plan","bot_intent":"billing_dispute","prior_steps":["confirmed_account","checked_invoice"],"bot_resolution_attempts":2,"channel":"web"}""",
            "application/json"));

        Assert.Equal(("call_consent", "CS_abc", UserId, "Cannot upgrade plan", "billing_dispute", 2, Channel.Chatbot),
            (command.Event, command.SessionId, command.UserId, command.Summary, command.BotIntent, command.ResolutionAttempts, command.Channel));
        Assert.Equal(["confirmed_account", "checked_invoice"], command.PriorSteps);
        Assert.False(command.ToLiveChat);
    }

    [Theory]
    [InlineData("prior_steps", "confirmed_account", "prior_steps", "checked_invoice")]
    [InlineData("prior_steps[]", "confirmed_account", "prior_steps[]", "checked_invoice")]
    [InlineData("prior_steps[0]", "confirmed_account", "prior_steps[1]", "checked_invoice")]
    public void A_form_post_gives_prior_steps_repeated_or_indexed(string first, string firstValue, string second, string secondValue)
    {
        var command = Read(Form(("event", "handoff"), ("session_id", "CS_abc"), ("user_id", UserId.ToString()), ("timestamp", "2026-05-19 15:30:00"),
            ("summary", "Cannot upgrade plan"), (first, firstValue), (second, secondValue)));

        Assert.Equal(["confirmed_account", "checked_invoice"], command.PriorSteps);
        Assert.Equal(("Cannot upgrade plan", Channel.WhatsApp), (command.Summary, command.Channel));
    }

    [Theory]
    [InlineData("confirmed_account, checked_invoice")]
    [InlineData("""["confirmed_account","checked_invoice"]""")]
    public void Prior_steps_as_one_text_field_are_comma_separated_or_a_json_array(string steps)
    {
        var command = Read(Form(("event", "handoff"), ("session_id", "CS_abc"), ("user_id", UserId.ToString()), ("timestamp", "t1"), ("prior_steps", steps)));

        Assert.Equal(["confirmed_account", "checked_invoice"], command.PriorSteps);
    }

    [Theory]
    [InlineData("live_chat", true)]
    [InlineData("agent", true)]
    [InlineData("voice", false)]
    public void A_handoff_to_live_chat_is_told_by_its_target(string target, bool toLiveChat) =>
        Assert.Equal(toLiveChat, Read(Form(("event", "handoff"), ("session_id", "CS_abc"), ("user_id", UserId.ToString()), ("timestamp", "t1"), ("target", target))).ToLiveChat);

    [Fact]
    public void A_json_close_keeps_the_transcript_turns_as_json_and_reads_resolved()
    {
        var command = Read(ParseBody(
            $$"""{"event":"session_closed","session_id":"CS_abc","user_id":"{{UserId}}","timestamp":"t9","resolved":true,"agent_id":"agent-42","transcript":[{"from":"user","text":"hi"}],"transcript_url":"https://chat.test/t"}""",
            "application/json"));

        Assert.Equal((true, "agent-42", """[{"from":"user","text":"hi"}]""", "https://chat.test/t"), (command.Resolved, command.AgentId, command.Transcript, command.TranscriptUrl));
    }

    [Theory]
    [InlineData("user: hi\nbot: hello", "\"user: hi\\nbot: hello\"")]
    [InlineData("""[{"from":"user","text":"hi"}]""", """[{"from":"user","text":"hi"}]""")]
    public void A_form_close_gives_the_transcript_as_text_or_as_json_text(string transcript, string stored)
    {
        var command = Read(Form(("event", "session_closed"), ("session_id", "CS_abc"), ("user_id", UserId.ToString()), ("timestamp", "t9"),
            ("resolved", "false"), ("transcript", transcript)));

        Assert.Equal((false, stored), (command.Resolved, command.Transcript));
    }

    private ApplyChatbotEvent Read(Lifecycle.Application.Common.Webhooks.WebhookFields fields)
    {
        var item = Assert.Single(reader.Read(fields));
        return Assert.IsType<ApplyChatbotEvent>(reader.ToCommand(item.Fields, item.Identity));
    }
}
