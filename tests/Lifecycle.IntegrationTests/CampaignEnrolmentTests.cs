using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Enrolment (guide §3.5 method A) against a recording Exotel, and the responses that end it.</summary>
public abstract class CampaignEnrolmentTests(StoreKind kind) : AppPerTest(kind, QuickAttempts)
{
    private static readonly Dictionary<string, string?> QuickAttempts = new()
    {
        ["Exotel:Resilience:AttemptTimeout"] = "00:00:02",
        ["Exotel:Resilience:MaxRetries"] = "3",
    };

    private const string Campaign = "CMP_activation_d7";

    [Fact]
    public async Task Enrolling_twice_while_active_sends_one_request_to_exotel()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);

        await EnqueueAsync(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"), new EnrollInCampaign(user.Id.Value, Campaign, "inactive"));
        await DispatchAsync();
        await EnqueueAsync(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"));
        await DispatchAsync();

        Assert.Single(Requests("/Campaigns/enroll"));
        Assert.Equal(EnrolmentStatus.Active, Assert.Single(await EnrolmentsAsync(user)).Status);
        Assert.Equal(Campaign, (await UserAsync(user)).ActiveCampaignId);
    }

    [Fact]
    public async Task An_enrolment_whose_answer_never_comes_is_left_unconfirmed_and_not_requested_again()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        Exotel.Holds = request => request.Path.EndsWith("/Campaigns/enroll", StringComparison.Ordinal);

        await EnqueueAsync(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"));
        await DispatchAsync();
        await EnqueueAsync(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"));
        await DispatchAsync();

        Assert.Single(Requests("/Campaigns/enroll"));
        var enrolment = Assert.Single(await EnrolmentsAsync(user));
        Assert.Equal(EnrolmentStatus.Unconfirmed, enrolment.Status);
        Assert.Equal(Campaign, (await UserAsync(user)).ActiveCampaignId);
    }

    [Fact]
    public async Task A_refused_enrolment_is_recorded_and_leaves_the_user_out_of_the_campaign()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        Exotel.Reply = request => request.Path.EndsWith("/Campaigns/enroll", StringComparison.Ordinal)
            ? new CannedReply(HttpStatusCode.BadRequest, """{"response":{"status":"failure","error_data":{"code":1002,"message":"unknown campaign"}}}""")
            : null;

        await EnqueueAsync(new EnrollInCampaign(user.Id.Value, Campaign, "inactive"));
        await DispatchAsync();

        var enrolment = Assert.Single(await EnrolmentsAsync(user));
        Assert.Equal(EnrolmentStatus.Refused, enrolment.Status);
        Assert.Contains("unknown campaign", enrolment.Detail);
        Assert.Null((await UserAsync(user)).ActiveCampaignId);
    }

    [Fact]
    public async Task A_login_after_the_nudge_cancels_the_activation_call_and_unenrols_the_user()
    {
        var user = await NudgedAndEnrolledAsync();

        App.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Accepted, (await App.Api().PostAsJsonAsync($"/api/users/{user.Id}/events", new { type = "login" })).StatusCode);
        await DispatchAsync();

        await AssertRespondedAsync(user);
    }

    [Fact]
    public async Task A_whatsapp_reply_after_the_nudge_cancels_the_activation_call_and_unenrols_the_user()
    {
        var user = await NudgedAndEnrolledAsync();

        var inbound = await Webhook.PostAsync(
            App, "/webhooks/exotel/whatsapp", $$"""{"MessageSid":"WAin{{Guid.NewGuid():N}}","From":"whatsapp:{{user.Phone!.Value}}","Body":"tell me more"}""", "application/json");
        inbound.EnsureSuccessStatusCode();
        await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
        await DispatchAsync();

        await AssertRespondedAsync(user);
    }

    [Fact]
    public async Task A_campaign_responded_event_cancels_the_activation_call_and_unenrols_the_user()
    {
        var user = await NudgedAndEnrolledAsync();

        var body = $$"""{"event_id":"EV{{Guid.NewGuid():N}}","event":"responded","campaign_id":"{{Campaign}}","phone":"{{user.Phone!.Value}}","channel":"sms","timestamp":"2026-05-26T10:00:00Z"}""";
        (await Webhook.PostAsync(App, "/webhooks/exotel/campaigns", body, "application/json")).EnsureSuccessStatusCode();
        Assert.Equal("duplicate", (await (await Webhook.PostAsync(App, "/webhooks/exotel/campaigns", body, "application/json")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);
        await DispatchAsync();

        await AssertRespondedAsync(user);
        var recorded = Assert.Single(await App.QueryAsync(db => db.Set<CampaignEvent>().AsNoTracking().Where(e => e.UserId == user.Id).ToListAsync()));
        Assert.Equal((CampaignEventKind.Responded, "sms"), (recorded.Kind, recorded.Channel));
        Assert.Equal("responded", Assert.Single(await EnrolmentsAsync(user)).LastEvent);
    }

    [Fact]
    public async Task A_completed_event_ends_the_enrolment_and_an_unknown_word_is_only_recorded()
    {
        var user = await NudgedAndEnrolledAsync();

        foreach (var word in new[] { "clicked", "completed" })
        {
            var body = $$"""{"event_id":"EV{{Guid.NewGuid():N}}","event":"{{word}}","campaign_id":"{{Campaign}}","phone":"{{user.Phone!.Value}}","user_id":"{{user.Id}}"}""";
            (await Webhook.PostAsync(App, "/webhooks/exotel/campaigns", body, "application/json")).EnsureSuccessStatusCode();
        }

        await App.Services.GetRequiredService<InboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal(EnrolmentStatus.Completed, Assert.Single(await EnrolmentsAsync(user)).Status);
        Assert.Null((await UserAsync(user)).ActiveCampaignId);
        Assert.Equivalent(
            new[] { CampaignEventKind.Other, CampaignEventKind.Completed },
            await App.QueryAsync(db => db.Set<CampaignEvent>().AsNoTracking().Where(e => e.UserId == user.Id).Select(e => e.Kind).ToListAsync()));
        Assert.Equal(WorkStatus.Pending, await CampaignFlowTests.FollowUpStatusAsync(App, user, ActivationNudgeCall));
    }

    private const string ActivationNudgeCall = "activation-call";

    private async Task<User> NudgedAndEnrolledAsync()
    {
        var user = await Arrange.UserInStageAsync(App, LifecycleStage.Onboarding);
        App.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new InactivityScanResult(1, 0), await CampaignFlowTests.ScanAsync(App));
        await DispatchAsync();
        Assert.Equal(Campaign, (await UserAsync(user)).ActiveCampaignId);
        return user;
    }

    private async Task AssertRespondedAsync(User user)
    {
        Assert.Equal(WorkStatus.Cancelled, await CampaignFlowTests.FollowUpStatusAsync(App, user, ActivationNudgeCall));
        var unenrol = JsonDocument.Parse(Assert.Single(Requests("/Campaigns/unenroll")).Body).RootElement;
        Assert.Equal(Campaign, unenrol.GetProperty("campaign_id").GetString());
        Assert.Equal(user.Phone!.Value, unenrol.GetProperty("contacts")[0].GetProperty("phone").GetString());
        Assert.Equal(EnrolmentStatus.Unenrolled, Assert.Single(await EnrolmentsAsync(user)).Status);
        Assert.Null((await UserAsync(user)).ActiveCampaignId);

        App.Clock.Advance(TimeSpan.FromDays(5));
        await App.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        Assert.Equal(0, await App.QueryAsync(db => db.Set<Call>().CountAsync(call => call.UserId == user.Id)));
    }

    private List<RecordedRequest> Requests(string pathEnd) => [.. Exotel.Requests.Where(request => request.Path.EndsWith(pathEnd, StringComparison.Ordinal))];

    private async Task EnqueueAsync(params EnrollInCampaign[] messages) =>
        await App.InScopeAsync(async services =>
        {
            foreach (var message in messages)
            {
                services.GetRequiredService<IOutbox>().Enqueue(message);
            }

            await services.GetRequiredService<LifecycleDbContext>().SaveChangesAsync();
        });

    private Task<int> DispatchAsync() => App.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private Task<List<CampaignEnrolment>> EnrolmentsAsync(User user) =>
        App.QueryAsync(db => db.Set<CampaignEnrolment>().AsNoTracking().Where(enrolment => enrolment.UserId == user.Id).ToListAsync());

    private Task<User> UserAsync(User user) => App.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(candidate => candidate.Id == user.Id));
}

public sealed class CampaignEnrolmentOnSqlite() : CampaignEnrolmentTests(StoreKind.Sqlite);

public sealed class CampaignEnrolmentOnPostgres() : CampaignEnrolmentTests(StoreKind.Postgres);
