using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifecycle.Domain.Lifecycle;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.Infrastructure.Common.Persistence;
using Lifecycle.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifecycle.IntegrationTests.Offboarding;

/// <summary>
/// GDPR offboarding (api.md <c>DELETE /api/users/{id}</c>, guide §2, §7), driven through the API and the sandbox; every
/// table is searched afterwards for the user's number and name.
/// </summary>
public abstract class OffboardingTests(StoreKind kind)
{
    private const string Name = "Ishaani Offboard";

    [Fact]
    public async Task Offboarding_confirms_by_sms_then_erases_name_and_phone_from_every_table()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();
        var userId = await OnboardAsync(app, sandbox, api, phone);

        // The user wrote to us on WhatsApp: Exotel's callback carries their number and their profile name.
        await sandbox.WriteOnWhatsAppAsync(phone, body: $"Hi, this is {Name}");
        await sandbox.ProcessUntilAsync(async () => await app.QueryAsync(db => db.Users.AnyAsync(user => user.Id == new UserId(userId) && user.LastInboundWhatsAppAt != null)), "the reply");

        var delete = await api.DeleteAsync($"/api/users/{userId}");

        Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        var accepted = await delete.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(userId, accepted.GetProperty("userId").GetGuid());
        Assert.Equal("OFFBOARDED", accepted.GetProperty("stage").GetString());
        var before = await UserAsync(api, userId);
        Assert.Equal("OFFBOARDED", before.GetProperty("stage").GetString());
        Assert.Equal(phone, before.GetProperty("phone").GetString());

        // The confirmation goes out on SMS; once Exotel has it, the user's name and phone are gone.
        await DispatchAsync(app);
        var confirmation = Assert.Single(await sandbox.AcceptedAsync("sms", phone));
        Assert.Contains("personal data erased", confirmation.ToString());
        var after = await UserAsync(api, userId);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("name").ValueKind);
        Assert.Equal("OFFBOARDED", after.GetProperty("stage").GetString());

        // The history stays, without personal data.
        var transitions = (await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}/timeline")).GetProperty("items").EnumerateArray()
            .Where(item => item.GetProperty("kind").GetString() == "transition").ToList();
        Assert.Equal(["ACQUIRED", "ONBOARDING", "OFFBOARDED"], transitions.Select(item => item.GetProperty("to").GetString()));
        Assert.Equal("gdpr_request", transitions[^1].GetProperty("trigger").GetString());

        // Exotel's delivery report of the confirmation names the number again: it is applied, and not kept.
        await ConfirmationDeliveredAsync(app, sandbox, userId);
        await AssertNoTraceAsync(app, phone, Name);
    }

    [Fact]
    public async Task A_user_who_opted_out_of_sms_is_erased_at_once_and_gets_no_sms()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();
        var userId = await OnboardAsync(app, sandbox, api, phone);
        (await api.PutAsJsonAsync($"/api/users/{userId}/preferences", new { optOutSms = true })).EnsureSuccessStatusCode();
        var smsBefore = (await sandbox.AcceptedAsync("sms", phone)).Count;

        Assert.Equal(HttpStatusCode.Accepted, (await api.DeleteAsync($"/api/users/{userId}")).StatusCode);

        var user = await UserAsync(api, userId);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("name").ValueKind);
        await DispatchAsync(app);
        Assert.Equal(smsBefore, (await sandbox.AcceptedAsync("sms", phone)).Count);
        await AssertNoTraceAsync(app, phone, Name);
    }

    [Fact]
    public async Task A_confirmation_refused_for_good_erases_the_user_all_the_same()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();
        var userId = await OnboardAsync(app, sandbox, api, phone);
        await sandbox.AddScenarioAsync(new { product = "sms", phone, httpStatus = 400 });

        await api.DeleteAsync($"/api/users/{userId}");
        await DispatchAsync(app);

        var user = await UserAsync(api, userId);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("phone").ValueKind);
        Assert.Equal(JsonValueKind.Null, user.GetProperty("name").ValueKind);
        await AssertNoTraceAsync(app, phone, Name);
    }

    [Fact]
    public async Task Work_still_queued_for_the_user_is_cancelled_and_never_sent()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();
        var userId = await OnboardAsync(app, sandbox, api, phone);
        var nudge = await api.PostAsJsonAsync(
            $"/api/users/{userId}/messages", new { notification = "activation_nudge", channel = "sms", variables = new { name = Name, link = "https://example.test/start" } });
        var nudgeId = (await nudge.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messageId").GetGuid();
        var smsBefore = (await sandbox.AcceptedAsync("sms", phone)).Count;

        await api.DeleteAsync($"/api/users/{userId}");
        await DispatchAsync(app);

        var sent = await sandbox.AcceptedAsync("sms", phone);
        Assert.Equal(smsBefore + 1, sent.Count);
        Assert.DoesNotContain(sent, message => message.ToString().Contains("first step", StringComparison.Ordinal));
        var withdrawn = await app.QueryAsync(db => db.OutboundMessages.SingleAsync(message => message.Id == nudgeId));
        Assert.Equal(MessageStatus.Failed, withdrawn.Status);
        Assert.Equal(0, await app.QueryAsync(db => db.Outbox.CountAsync(row => row.Status == WorkStatus.Pending)));
    }

    [Fact]
    public async Task A_call_asked_for_and_not_yet_placed_never_rings_and_its_context_is_erased()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var phone = Arrange.NewPhone();
        var userId = await OnboardAsync(app, sandbox, api, phone);
        var requested = await api.PostAsJsonAsync($"/api/users/{userId}/calls", new { purpose = "support", context = new { summary = $"{Name} cannot log in" } });
        var callId = (await requested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("callId").GetGuid();

        await api.DeleteAsync($"/api/users/{userId}");
        await DispatchAsync(app);

        Assert.Empty(await sandbox.AcceptedAsync("calls", phone));
        var call = await app.QueryAsync(db => db.Set<Call>().SingleAsync(candidate => candidate.Id == callId));
        Assert.Equal(CallStatus.Canceled, call.Status);
        Assert.Null(call.Context);
        await ConfirmationDeliveredAsync(app, sandbox, userId);
        await AssertNoTraceAsync(app, phone, Name);
    }

    [Fact]
    public async Task A_user_in_a_campaign_is_unenrolled_and_the_enrolment_forgets_the_number()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var flow = new Flows.FlowDriver(app);
        var phone = Arrange.NewPhone();
        var userId = await flow.NudgedAsync(phone);
        Assert.Equal("CMP_activation_d7", (await flow.UserAsync(userId)).GetProperty("activeCampaignId").GetString());

        await flow.Api.DeleteAsync($"/api/users/{userId}");
        await flow.DispatchAsync();

        Assert.Contains(await flow.Sandbox.AcceptedAsync("enrollments", phone), enrolment => enrolment.GetProperty("active").GetBoolean() == false);
        Assert.Equal(JsonValueKind.Null, (await flow.UserAsync(userId)).GetProperty("activeCampaignId").ValueKind);
        await ConfirmationDeliveredAsync(app, flow.Sandbox, userId);
        await AssertNoTraceAsync(app, phone, "Meera");
    }

    [Fact]
    public async Task After_offboarding_every_event_is_refused_and_a_second_delete_changes_nothing()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));
        var sandbox = new SandboxControl(app);
        var api = app.Api();
        var userId = await OnboardAsync(app, sandbox, api, Arrange.NewPhone());
        await api.DeleteAsync($"/api/users/{userId}");

        foreach (var type in new[] { "login", "key_action", "usage", "usage_drop", "billing_flag" })
        {
            await AssertConflictAsync(await api.PostAsJsonAsync($"/api/users/{userId}/events", new { type }));
        }

        await AssertConflictAsync(await api.PutAsJsonAsync($"/api/users/{userId}/preferences", new { optOutWhatsapp = true }));
        await AssertConflictAsync(await api.PostAsJsonAsync($"/api/users/{userId}/calls", new { purpose = "support" }));
        await AssertConflictAsync(await api.PostAsJsonAsync($"/api/users/{userId}/messages", new { notification = "onboarding_welcome", variables = new { name = "x" } }));
        var again = await api.DeleteAsync($"/api/users/{userId}");
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(1, await app.QueryAsync(db => db.OutboundMessages.CountAsync(
            message => message.UserId == new UserId(userId) && message.Notification == "offboarding_confirmation")));
    }

    [Fact]
    public async Task Offboarding_an_unknown_user_is_404_problem_details()
    {
        await using var app = LifecycleApp.WithSandbox(TestStore.Create(kind));

        var response = await app.Api().DeleteAsync($"/api/users/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Signs up with a name, approves the code, and lets the welcome go out and be delivered.</summary>
    private static async Task<Guid> OnboardAsync(LifecycleApp app, SandboxControl sandbox, HttpClient api, string phone)
    {
        var signup = await (await api.PostAsJsonAsync("/api/signups", new { phone, name = Name })).Content.ReadFromJsonAsync<JsonElement>();
        await DispatchAsync(app);
        var otp = await sandbox.OtpAsync(phone);
        (await api.PostAsJsonAsync($"/api/verifications/{signup.GetProperty("verificationId").GetGuid()}/check", new { otp })).EnsureSuccessStatusCode();
        await DispatchAsync(app);
        var userId = signup.GetProperty("userId").GetGuid();
        await sandbox.ProcessUntilAsync(
            async () => await app.QueryAsync(db => db.OutboundMessages.AnyAsync(message => message.UserId == new UserId(userId) && message.Status == MessageStatus.Delivered)),
            "the welcome's delivery");
        return userId;
    }

    private static Task ConfirmationDeliveredAsync(LifecycleApp app, SandboxControl sandbox, Guid userId) =>
        sandbox.ProcessUntilAsync(
            async () => await app.QueryAsync(db => db.OutboundMessages.AnyAsync(
                message => message.UserId == new UserId(userId) && message.Notification == "offboarding_confirmation" && message.Status == MessageStatus.Delivered)),
            "the confirmation's delivery report");

    /// <summary>Every text column of every table of the model, searched for the number (its last ten digits) and the name.</summary>
    /// <remarks>
    /// A callback that landed after the erasure (a late read receipt) names the number until it is applied, and applying
    /// it forgets the copy: every accepted callback is applied first, as the inbox processor would.
    /// </remarks>
    private static async Task AssertNoTraceAsync(LifecycleApp app, string phone, string name)
    {
        await new SandboxControl(app).ProcessUntilAsync(
            async () => await app.QueryAsync(db => db.Inbox.CountAsync(row => row.Status == WorkStatus.Pending)) == 0, "the late callbacks");
        var traces = new[] { phone[^10..], name, name.Split(' ')[0] };
        var found = await app.QueryAsync(async db =>
        {
            var hits = new List<string>();
            foreach (var entity in db.Model.GetEntityTypes().Where(entity => entity.GetTableName() is not null))
            {
                foreach (var column in entity.GetProperties().Where(property => (property.GetProviderClrType() ?? property.ClrType) == typeof(string)))
                {
                    foreach (var trace in traces)
                    {
                        var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{entity.GetTableName()}\" WHERE \"{column.GetColumnName()}\" LIKE {{0}}";
                        if (await db.Database.SqlQueryRaw<int>(sql, $"%{trace}%").SingleAsync() > 0)
                        {
                            hits.Add($"{entity.GetTableName()}.{column.GetColumnName()} holds '{trace}'");
                        }
                    }
                }
            }

            return hits;
        });

        Assert.Empty(found);
    }

    private static async Task AssertConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static Task<int> DispatchAsync(LifecycleApp app) =>
        app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);

    private static async Task<JsonElement> UserAsync(HttpClient api, Guid userId) =>
        await api.GetFromJsonAsync<JsonElement>($"/api/users/{userId}");
}

public sealed class OffboardingOnSqlite() : OffboardingTests(StoreKind.Sqlite);

public sealed class OffboardingOnPostgres() : OffboardingTests(StoreKind.Postgres);
