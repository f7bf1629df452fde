using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Lifecycle.IntegrationTests.Sandbox.SandboxHarness;

namespace Lifecycle.IntegrationTests.Sandbox;

public sealed class CqaSandboxTests
{
    [Fact]
    public async Task An_ingested_call_is_analysed_and_reported_in_signed_json_and_a_second_ingest_is_a_409()
    {
        await using var sandbox = await StartAsync();
        var id = "call-CA" + Guid.NewGuid().ToString("N");

        var first = await IngestAsync(sandbox, id);
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/cqa");
        var again = await IngestAsync(sandbox, id);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.StartsWith("application/json", callback.ContentType);
        Assert.True(callback.IsSignedWith(CqaCallbackSecret, "X-CQA-Signature"));
        Assert.Null(callback.Header("X-Exotel-Signature"));
        var body = callback.Json;
        Assert.Equal("INTERACTION_ANALYSIS_COMPLETED", body.GetProperty("event").GetString());
        Assert.Equal(id, body.GetProperty("externalInteractionId").GetString());
        Assert.True(Guid.TryParse(body.GetProperty("deliveryId").GetString(), out _));
        Assert.Equal(80, body.GetProperty("data").GetProperty("finalScore").GetDouble());
        Assert.NotEmpty(body.GetProperty("data").GetProperty("kpiResults").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_rule_sets_the_score_and_the_detail_then_carries_the_transcript()
    {
        await using var sandbox = await StartAsync();
        var id = "call-CA" + Guid.NewGuid().ToString("N");
        (await sandbox.AddRulesAsync(new { product = "cqa", phone = id, score = 45 })).EnsureSuccessStatusCode();

        await IngestAsync(sandbox, id);
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/cqa");
        var detail = await sandbox.Cqa.GetFromJsonAsync<JsonElement>($"/cqa/api/v1/accounts/{CqaAccountId}/interactions/{id}");

        Assert.Equal(45, callback.Json.GetProperty("data").GetProperty("finalScore").GetDouble());
        Assert.Equal("COMPLETED", detail.GetProperty("status").GetString());
        Assert.Equal(45, detail.GetProperty("finalScore").GetDouble());
        Assert.NotEmpty(detail.GetProperty("transcript").EnumerateArray());
        Assert.True(detail.GetProperty("transcript")[0].TryGetProperty("start_seconds", out _));
    }

    [Fact]
    public async Task The_control_api_fails_an_analysis_instead_of_the_automatic_result()
    {
        await using var sandbox = await StartAsync();
        var id = "call-CA" + Guid.NewGuid().ToString("N");
        (await sandbox.AddRulesAsync(new { product = "cqa", phone = id, delay = "01:00:00" })).EnsureSuccessStatusCode();
        await IngestAsync(sandbox, id);

        var answer = await sandbox.Control.PostAsync($"/sandbox/cqa/{id}/result", Json(new { failed = true }));
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/cqa");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("INTERACTION_ANALYSIS_FAILED", callback.Json.GetProperty("event").GetString());
        Assert.True(callback.IsSignedWith(CqaCallbackSecret, "X-CQA-Signature"));
    }

    [Fact]
    public async Task A_wrong_api_key_is_refused()
    {
        await using var sandbox = await StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(sandbox.Sandbox.BaseUrl) };
        client.DefaultRequestHeaders.Add("X-API-Key", "wrong");

        var response = await client.PostAsync($"/cqa/api/v1/accounts/{CqaAccountId}/ingress/interactions", Json(Interaction(sandbox, "x")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(sandbox.State.CqaInteractions);
    }

    private static Task<HttpResponseMessage> IngestAsync(SandboxHarness sandbox, string id) =>
        sandbox.Cqa.PostAsync($"/cqa/api/v1/accounts/{CqaAccountId}/ingress/interactions", Json(Interaction(sandbox, id)));

    private static object Interaction(SandboxHarness sandbox, string id) => new
    {
        external_interaction_id = id,
        channel_type = "VOICE",
        audio_url = "https://recordings.test/a.wav",
        audio_format = "WAV",
        interaction_start_time = "2026-05-19T10:00:00Z",
        duration_seconds = 183,
        callback_url = sandbox.Receiver.Url("/webhooks/cqa"),
        metadata = new { user_id = "u_12345", lifecycle_stage = "AT_RISK" },
    };
}
