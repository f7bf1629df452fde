using FluentValidation;
using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Infrastructure.Campaigns;
using static Lifecycle.IntegrationTests.Readers.ReaderFixtures;

namespace Lifecycle.IntegrationTests.Readers;

public class CampaignEventReaderTests
{
    private readonly CampaignEventReader reader = new();

    [Theory]
    [InlineData("sent", CampaignEventKind.Sent)]
    [InlineData("delivered", CampaignEventKind.Delivered)]
    [InlineData("responded", CampaignEventKind.Responded)]
    [InlineData("failed", CampaignEventKind.Failed)]
    [InlineData("completed", CampaignEventKind.Completed)]
    [InlineData("clicked", CampaignEventKind.Other)]
    public void The_per_contact_event_of_api_md_is_keyed_by_its_event_id(string word, CampaignEventKind kind)
    {
        var userId = Guid.NewGuid();
        var fields = ParseBody(
            $$"""{"event_id":"EV1","event":"{{word}}","campaign_id":"CMP_activation_d7","phone":"+919876543210","user_id":"{{userId}}","channel":"whatsapp","timestamp":"2026-05-19T10:00:00Z"}""",
            "application/json");

        var command = Command(fields);

        Assert.Equal(new ApplyCampaignEvent(
            "EV1", kind, word, "CMP_activation_d7", "+919876543210", userId, "whatsapp", new DateTimeOffset(2026, 5, 19, 10, 0, 0, TimeSpan.Zero)), command);
    }

    [Fact]
    public void A_form_encoded_event_without_user_id_reads_the_same_way()
    {
        var command = Command(Form(("event_id", "EV2"), ("event", "Responded"), ("campaign_id", "CMP_x"), ("phone", "9876543210"), ("channel", "sms")));

        Assert.Equal(CampaignEventKind.Responded, command.Kind);
        Assert.Equal("+919876543210", command.Phone);
        Assert.Null(command.UserId);
        Assert.Null(command.At);
    }

    [Fact]
    public void Exotels_call_status_callback_is_a_delivery_keyed_by_campaign_call_and_status()
    {
        var command = Command(Parse("campaign-call-status-callback.json"));

        Assert.Equal("camp_abc123|call_def456|completed", command.EventKey);
        Assert.Equal(CampaignEventKind.Delivered, command.Kind);
        Assert.Equal("+919876543210", command.Phone);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 9, 5, 47, TimeSpan.FromHours(5.5)), command.At);
    }

    [Fact]
    public void Exotels_call_schedule_callback_is_a_failure_of_the_number()
    {
        var command = Command(Parse("campaign-call-schedule-callback.json"));

        Assert.Equal(CampaignEventKind.Failed, command.Kind);
        Assert.Equal("camp_abc123", command.CampaignId);
        Assert.Equal("camp_abc123|+919876543210|2024-01-15T04:05:00Z|failed", command.EventKey);
    }

    [Fact]
    public void Exotels_campaign_status_callback_completes_the_campaign_without_a_number()
    {
        var command = Command(Parse("campaign-status-callback.json"));

        Assert.Equal(CampaignEventKind.Completed, command.Kind);
        Assert.Null(command.Phone);
        Assert.Equal("camp_abc123||2024-01-15T12:30:00Z|completed", command.EventKey);
    }

    [Fact]
    public void An_event_naming_neither_its_id_nor_its_campaign_and_word_is_refused()
    {
        var refusal = Assert.Throws<ValidationException>(() => reader.Read(Form(("phone", "+919876543210"))));

        Assert.Equal(["event_id", "event"], refusal.Errors.Select(error => error.PropertyName));
    }

    private ApplyCampaignEvent Command(WebhookFields fields)
    {
        var single = Assert.Single(reader.Read(fields));
        return Assert.IsType<ApplyCampaignEvent>(reader.ToCommand(single.Fields, single.Identity));
    }
}
