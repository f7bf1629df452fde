using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Application.Campaigns;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Campaigns;
using Lifecycle.Domain.Campaigns;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests;

/// <summary>Guide §3.5 and §4.2 through the sandbox: the activation drip's enrolment, its events, a response, the segment sync.</summary>
public abstract class CampaignFlowTests(StoreKind kind)
{
    [Fact]
    public async Task An_inactive_onboarding_user_is_enrolled_once_and_a_campaign_response_unenrolls_them_and_cancels_the_activation_call()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var user = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        await DispatchAsync(app);

        app.Clock.Advance(TimeSpan.FromDays(7));
        Assert.Equal(new InactivityScanResult(1, 0), await ScanAsync(app));
        await DispatchAsync(app);

        // Enrolled at Exotel with the user's name and stage; the sandbox plays the first step (sent, delivered).
        var enrol = Assert.Single(await CampaignRequestsAsync(sandbox, "/Campaigns/enroll"));
        var contact = enrol.GetProperty("contacts")[0];
        Assert.Equal("CMP_activation_d7", enrol.GetProperty("campaign_id").GetString());
        Assert.Equal(user.Phone!.Value, contact.GetProperty("phone").GetString());
        Assert.Equal("Priya", contact.GetProperty("custom_fields").GetProperty("name").GetString());
        Assert.Equal("ONBOARDING", contact.GetProperty("custom_fields").GetProperty("stage").GetString());
        Assert.Equal("CMP_activation_d7", await ActiveCampaignAsync(app, user));
        await sandbox.ProcessUntilAsync(async () => (await EventsAsync(app, user)).Contains("delivered"), "the campaign's delivery event");
        Assert.Equal(EnrolmentStatus.Active, (await EnrolmentAsync(app, user)).Status);

        // A second enrol while active changes nothing, on either side.
        await app.InScopeAsync(async services =>
        {
            services.GetRequiredService<Lifecycle.Application.Common.Persistence.IOutbox>().Enqueue(new EnrollInCampaign(user.Id.Value, "CMP_activation_d7", "again"));
            await services.GetRequiredService<Lifecycle.Infrastructure.Common.Persistence.LifecycleDbContext>().SaveChangesAsync();
        });
        await DispatchAsync(app);
        Assert.Single(await CampaignRequestsAsync(sandbox, "/Campaigns/enroll"));

        // The user answers the drip: the sandbox reports it, the activation call is cancelled and the user unenrolled.
        (await new HttpClient { BaseAddress = new Uri(app.SandboxUrl) }
            .PostAsJsonAsync("/sandbox/campaigns/CMP_activation_d7/events", new { phone = user.Phone.Value, @event = "responded", channel = "whatsapp" }))
            .EnsureSuccessStatusCode();
        await sandbox.ProcessUntilAsync(async () => (await EventsAsync(app, user)).Contains("responded"), "the response");
        await DispatchAsync(app);

        var unenrol = Assert.Single(await CampaignRequestsAsync(sandbox, "/Campaigns/unenroll"));
        Assert.Equal(user.Phone.Value, unenrol.GetProperty("contacts")[0].GetProperty("phone").GetString());
        Assert.Equal(EnrolmentStatus.Unenrolled, (await EnrolmentAsync(app, user)).Status);
        Assert.Null(await ActiveCampaignAsync(app, user));
        Assert.Equal(WorkStatus.Cancelled, await FollowUpStatusAsync(app, user, "activation-call"));
        app.Clock.Advance(TimeSpan.FromDays(5));
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        Assert.Equal(0, await app.QueryAsync(db => db.Set<Call>().CountAsync(call => call.UserId == user.Id)));
    }

    [Fact]
    public async Task The_segment_sync_hands_every_user_to_exotel_contacts_tagged_with_their_stage()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var onboarding = await Arrange.UserInStageAsync(app, LifecycleStage.Onboarding);
        var atRisk = await Arrange.UserInStageAsync(app, LifecycleStage.AtRisk);

        var result = await SendAsync(app, new SyncSegments());

        Assert.Equal(new SegmentSyncResult(1, 2, 0), result);
        var contacts = Assert.Single(await CampaignRequestsAsync(sandbox, "/contacts")).GetProperty("contacts").EnumerateArray().ToList();
        Assert.Equal(
            [(onboarding.Phone!.Value, "ONBOARDING", onboarding.Id.ToString()), (atRisk.Phone!.Value, "AT_RISK", atRisk.Id.ToString())],
            contacts.Select(contact => (contact.GetProperty("number").GetString(), contact.GetProperty("tag").GetString(),
                contact.GetProperty("custom_field").GetProperty("user_id").GetString())).OrderBy(contact => contact.Item3 == onboarding.Id.ToString() ? 0 : 1));
        Assert.All(contacts, contact => Assert.Equal("Priya", contact.GetProperty("first_name").GetString()));
    }

    /// <summary>Runs the scan and applies what it handed off (the timers it wrote are due at once).</summary>
    internal static async Task<InactivityScanResult> ScanAsync(LifecycleApp app)
    {
        var result = await SendAsync(app, new RunInactivityScan());
        await app.Services.GetRequiredService<TimerPoller>().DrainAsync(CancellationToken.None);
        return result;
    }

    internal static async Task<T> SendAsync<T>(LifecycleApp app, ICommand<T> command) =>
        await app.InScopeAsync(async services => await services.GetRequiredService<IMediator>().Send(command));

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static async Task<List<JsonElement>> CampaignRequestsAsync(SandboxControl sandbox, string pathEnd) =>
        [.. (await sandbox.RequestsAsync("campaigns"))
            .Where(request => request.GetProperty("path").GetString()!.EndsWith(pathEnd, StringComparison.Ordinal))
            .Select(request => JsonDocument.Parse(request.GetProperty("body").GetString()!).RootElement)];

    private static async Task<string?> ActiveCampaignAsync(LifecycleApp app, User user) =>
        (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{user.Id}")).GetProperty("activeCampaignId").GetString();

    private static Task<CampaignEnrolment> EnrolmentAsync(LifecycleApp app, User user) =>
        app.QueryAsync(db => db.Set<CampaignEnrolment>().AsNoTracking().SingleAsync(enrolment => enrolment.UserId == user.Id));

    private static Task<List<string>> EventsAsync(LifecycleApp app, User user) =>
        app.QueryAsync(db => db.Set<CampaignEvent>().AsNoTracking().Where(campaignEvent => campaignEvent.UserId == user.Id).Select(campaignEvent => campaignEvent.Name).ToListAsync());

    internal static Task<WorkStatus> FollowUpStatusAsync(LifecycleApp app, User user, string name) =>
        app.QueryAsync(db => db.Timers.AsNoTracking().Where(row => row.Key == FollowUps.Key(user.Id, name)).Select(row => row.Status).SingleAsync());
}

public sealed class CampaignFlowOnSqlite() : CampaignFlowTests(StoreKind.Sqlite);

public sealed class CampaignFlowOnPostgres() : CampaignFlowTests(StoreKind.Postgres);
