using FluentValidation;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Verify;
using Lifecycle.Application.Voice;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Voice;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class CallCallbackReaderTests
{
    private readonly CallCallbackReader reader = new([new VoiceOtpCallRoute()]);

    [Theory]
    [InlineData("call-status-callback.form")]
    [InlineData("call-status-callback-extended.form")]
    [InlineData("call-status-callback.json")]
    [InlineData("call-status-callback-extended.json")]
    public void Documented_status_callbacks_are_identified(string fixture)
    {
        var identity = Assert.Single(reader.Read(Parse(fixture))).Identity;

        Assert.StartsWith("80bfbec2d78bbbf10fb851f4fa165211|completed|", identity.EventKey);
        Assert.Equal("call.completed", identity.EventType);
    }

    [Fact]
    public void A_voice_otp_call_is_keyed_on_call_sid_status_and_event_type_and_routed_by_its_custom_field()
    {
        var id = Guid.NewGuid();
        var item = Assert.Single(reader.Read(Form(("CallSid", "CA77"), ("Status", "No-Answer"), ("EventType", "terminal"), ("CustomField", VoiceOtpToken.New(id)))));

        var command = reader.ToCommand(item.Fields, item.Identity);

        Assert.Equal(new WebhookIdentity("CA77|no-answer|terminal", "call.no-answer"), item.Identity);
        Assert.Equal(new ApplyVoiceOtpCallStatus(id, "CA77", CallProgress.NotAnswered, "CA77|no-answer|terminal"), command);
    }

    [Fact]
    public void The_inbox_never_keeps_the_voice_otp_token_the_code_is_derived_from()
    {
        var id = Guid.NewGuid();
        var token = VoiceOtpToken.New(id);

        var item = Assert.Single(reader.Read(Form(("CallSid", "CA79"), ("Status", "completed"), ("CustomField", token))));
        var command = Assert.IsType<ApplyVoiceOtpCallStatus>(reader.ToCommand(WebhookFields.FromJson(item.Fields.ToJson()), item.Identity));

        Assert.DoesNotContain(token, item.Fields.ToJson());
        Assert.Equal(id, command.VerificationId);
    }

    [Theory]
    [InlineData("completed", CallProgress.Answered)]
    [InlineData("busy", CallProgress.NotAnswered)]
    [InlineData("failed", CallProgress.NotAnswered)]
    [InlineData("canceled", CallProgress.NotAnswered)]
    [InlineData("ringing", CallProgress.Ongoing)]
    public void Exotels_call_statuses_become_our_progress(string status, CallProgress progress)
    {
        var item = Assert.Single(reader.Read(Form(("CallSid", "CA1"), ("Status", status), ("CustomField", $"voice-otp:{Guid.NewGuid()}"))));

        Assert.Equal(progress, Assert.IsType<ApplyVoiceOtpCallStatus>(reader.ToCommand(item.Fields, item.Identity)).Progress);
    }

    [Fact]
    public void A_call_callback_without_its_identifying_fields_is_refused_naming_both()
    {
        var refused = Assert.Throws<ValidationException>(() => reader.Read(Form(("Status", "ringing-ish"))));

        Assert.Equal(["CallSid", "Status"], refused.Errors.Select(error => error.PropertyName));
    }

    [Fact]
    public void A_call_no_route_claims_is_one_of_ours_with_its_duration_and_recording()
    {
        var item = Assert.Single(reader.Read(Form(
            ("CallSid", "CA78"), ("Status", "completed"), ("custom_field", "user_id:u|call:42"), ("ConversationDuration", "75"), ("RecordingUrl", "https://r/1.mp3"))));

        var report = Assert.IsType<ApplyCallStatus>(reader.ToCommand(item.Fields, item.Identity)).Report;

        Assert.Equal(("CA78", CallStatus.Completed, "user_id:u|call:42", 75, "https://r/1.mp3", (string?)null),
            (report.CallSid, report.Status, report.CustomField, report.DurationSeconds, report.RecordingUrl, report.LegEvent));
    }

    [Fact]
    public void A_smartconnect_leg_event_carries_its_agent_and_queue()
    {
        var item = Assert.Single(reader.Read(Form(
            ("CallSid", "CA80"), ("Status", "in-progress"), ("EventType", "Call-Connect"), ("AgentId", "agent-7"), ("Queue", "retention-agents"))));

        var report = Assert.IsType<ApplyCallStatus>(reader.ToCommand(item.Fields, item.Identity)).Report;

        Assert.Equal("CA80|in-progress|call-connect", item.Identity.EventKey);
        Assert.Equal(("call-connect", "agent-7", "retention-agents", CallStatus.Placed), (report.LegEvent, report.AgentId, report.Queue, report.Status));
    }

    [Fact]
    public void A_documented_passthru_query_is_an_ongoing_event_keyed_on_its_call_type_with_its_digits_unquoted()
    {
        var item = Assert.Single(reader.Read(Parse("call-passthru.query")));

        var report = Assert.IsType<ApplyCallStatus>(reader.ToCommand(item.Fields, item.Identity)).Report;

        Assert.Equal("80bfbec2d78bbbf10fb851f4fa165211|passthru-completed|", item.Identity.EventKey);
        Assert.Equal((CallStatus.Placed, 320), (report.Status, report.DurationSeconds));
        Assert.Equal("1234", item.Fields.Text("digits"));
    }
}
