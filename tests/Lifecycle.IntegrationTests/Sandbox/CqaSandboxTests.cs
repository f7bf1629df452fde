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

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var queued = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(201, queued.GetProperty("status").GetInt32());
        Assert.Equal("queued", queued.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal(id, queued.GetProperty("data").GetProperty("external_interaction_id").GetString());
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
    public async Task A_rule_sets_the_score_and_the_documented_detail_then_links_a_transcript()
    {
        await using var sandbox = await StartAsync();
        var id = "call-CA" + Guid.NewGuid().ToString("N");
        (await sandbox.AddRulesAsync(new { product = "cqa", phone = id, score = 45 })).EnsureSuccessStatusCode();

        await IngestAsync(sandbox, id);
        var callback = await sandbox.Receiver.NextToAsync("/webhooks/cqa");
        var detail = await sandbox.Cqa.GetFromJsonAsync<JsonElement>($"/cqa/api/v1/accounts/{CqaAccountId}/ingress/interactions/{id}");
        var data = detail.GetProperty("data");
        var transcript = await sandbox.Control.GetFromJsonAsync<JsonElement>(data.GetProperty("transcript_url").GetString());

        Assert.Equal(45, callback.Json.GetProperty("data").GetProperty("finalScore").GetDouble());
        Assert.Equal(200, detail.GetProperty("status").GetInt32());
        Assert.Equal(id, data.GetProperty("external_interaction_id").GetString());
        Assert.Equal("completed", data.GetProperty("status").GetString());
        Assert.Equal("completed", data.GetProperty("analyses")[0].GetProperty("status").GetString());
        Assert.False(data.TryGetProperty("transcript", out _));
        Assert.NotEmpty(transcript.GetProperty("transcript").EnumerateArray());
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
        Assert.Equal("ANALYSIS_FAILED", callback.Json.GetProperty("data").GetProperty("errorCode").GetString());
        Assert.Equal("Transcript processing timed out", callback.Json.GetProperty("data").GetProperty("errorMessage").GetString());
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
