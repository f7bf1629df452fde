using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Common.Durable;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests;

/// <summary>
/// The service in <c>Exotel:Mode=Live</c> against a stand-in that answers exactly like ExoVerify's public pages
/// (<c>Fixtures/Exotel/verify-*.json</c>): the bug real users hit was a right code refused with 503 and a wrong code
/// ending the verification at once, because our reader only knew the guide's words.
/// </summary>
public abstract class ExoVerifyAcceptanceTests(StoreKind kind) : IAsyncLifetime
{
    private const string RightCode = "482916";

    private RecordingExotel exotel = null!;

    public async Task InitializeAsync() => exotel = await RecordingExotel.StartAsync();

    public async Task DisposeAsync() => await exotel.DisposeAsync();

    /// <summary>The ways ExoVerify and the guide say "wrong code": each one uses one of the three attempts.</summary>
    public static TheoryData<string> WrongCodeAnswers => [.. ExoVerifyStandIn.WrongCodeAnswers.Keys];

    [Fact]
    public async Task The_right_code_answered_like_exoverifys_page_approves_the_signup_and_moves_the_user_to_onboarding()
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        ExoVerifyStandIn.Answer(exotel, RightCode, wrongCode: "400 1211");
        var (userId, verificationId) = await SignUpAsync(app);

        var check = await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = RightCode });

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(("approved", 3), await AnswerAsync(check));
        Assert.Equal("ONBOARDING", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString());
        var request = Assert.Single(exotel.Requests, request => request.Path != ExoVerifyStandIn.StartPath);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"{ExoVerifyStandIn.StartPath}/ver_abc123def456", request.Path);
        Assert.Equal(RightCode, JsonNode.Parse(request.Body)!["OTP"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(WrongCodeAnswers))]
    public async Task Three_wrong_codes_answer_pending_2_pending_1_then_failed_0_whichever_way_exoverify_says_wrong(string wrongCode)
    {
        await using var app = new LifecycleApp(TestStore.Create(kind), exotel.BaseUrl);
        ExoVerifyStandIn.Answer(exotel, RightCode, wrongCode);
        var (userId, verificationId) = await SignUpAsync(app);

        var answers = new List<(string, int)>();
        for (var i = 0; i < 3; i++)
        {
            answers.Add(await AnswerAsync(await app.Api().PostAsJsonAsync($"/api/verifications/{verificationId}/check", new { otp = "111111" })));
        }

        Assert.Equal([("pending", 2), ("pending", 1), ("failed", 0)], answers);
        Assert.Equal("ACQUIRED", (await app.Api().GetFromJsonAsync<JsonElement>($"/api/users/{userId}")).GetProperty("stage").GetString());
        Assert.Equal(3, exotel.Requests.Count(request => request.Path != ExoVerifyStandIn.StartPath));
    }

    private static async Task<(Guid UserId, Guid VerificationId)> SignUpAsync(LifecycleApp app)
    {
        var signup = await app.Api().PostAsJsonAsync("/api/signups", new { phone = Arrange.NewPhone(), name = "Priya" });
        Assert.Equal(HttpStatusCode.Accepted, signup.StatusCode);
        var body = await signup.Content.ReadFromJsonAsync<JsonElement>();
        await app.Services.GetRequiredService<OutboxDispatcher>().DrainAsync(CancellationToken.None);
        return (body.GetProperty("userId").GetGuid(), body.GetProperty("verificationId").GetGuid());
    }

    private static async Task<(string Status, int AttemptsLeft)> AnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("status").GetString()!, body.GetProperty("attemptsLeft").GetInt32());
    }
}

public sealed class ExoVerifyAcceptanceOnSqlite() : ExoVerifyAcceptanceTests(StoreKind.Sqlite);

public sealed class ExoVerifyAcceptanceOnPostgres() : ExoVerifyAcceptanceTests(StoreKind.Postgres);
