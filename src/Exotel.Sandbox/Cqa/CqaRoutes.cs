using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Cqa;

/// <summary>
/// CQA as https://developer.exotel.com/docs/cqa/overview documents it (docs/sandbox.md "CQA"): ingest answers
/// <c>201 {status, request_id, message, data:{interaction_id, external_interaction_id, status:"queued"}}</c> (409 for an
/// external_interaction_id already ingested); <c>GET …/ingress/interactions/{id}</c> (CQA's id or ours) answers
/// <c>{status:200, request_id, data:{interaction_id, external_interaction_id, channel_type, status, …, analyses}}</c>
/// with lower-case statuses, and a <c>transcript_url</c> (a sandbox route) once completed.
/// </summary>
internal static class CqaRoutes
{
    private static readonly string[] ChannelTypes = ["VOICE", "CHAT", "EMAIL", "SMS", "WHATSAPP"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var cqa = app.MapGroup("/cqa/api/v1/accounts/{accountId}").RequireCredentials(Credentials.Cqa).RateLimited(Products.Cqa);
        cqa.MapPost("/ingress/interactions", IngestAsync);
        cqa.MapGet("/ingress/interactions/{interactionIdentifier}", Detail);
    }

    private static async Task<IResult> IngestAsync(HttpContext http, SandboxState state, ScenarioBook scenarios, CqaDesk desk, Faults faults, TimeProvider time, SandboxOptions options)
    {
        var request = ApiRequest.Of(http);
        var json = request.Json;
        var externalId = json.Text("external_interaction_id");
        if (await faults.InjectAsync(http, [Products.Cqa], [externalId, json?["metadata"].Text("phone")]) is { } fault)
        {
            return fault;
        }

        var channel = json.Text("channel_type")?.ToUpperInvariant();
        (string Code, string Message)? refusal = json switch
        {
            not JsonObject => ("INVALID_REQUEST", "The body must be a JSON object"),
            _ when externalId is null => ("MISSING_PARAMETER", "external_interaction_id is required"),
            _ when channel is null || !ChannelTypes.Contains(channel) => ("INVALID_PARAMETER", $"channel_type must be one of {string.Join(", ", ChannelTypes)}"),
            _ when channel == "VOICE" && json.Text("audio_url") is null => ("MISSING_PARAMETER", "audio_url is required for VOICE"),
            _ => null,
        };
        if (refusal is { } refused)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, refused.Code, refused.Message);
        }

        var now = time.GetUtcNow();
        var rule = CqaDesk.RuleFor(scenarios, externalId!, json?["metadata"]);
        var delay = rule?.Delay ?? options.CallbackDelay;
        var interaction = new InteractionRequest(externalId!, Guid.NewGuid().ToString(), channel!, json.Text("audio_url"), json.Text("callback_url"), request.Body, now);
        var timeline = new Timeline<CqaStatus>(now, new CqaStatus("PROCESSING", null));
        timeline.Add(now + delay, CqaDesk.Final(rule));
        var entry = new InteractionEntry(interaction, timeline, rule?.NoCallback == true);
        if (!state.TryAdd(entry))
        {
            return Replies.Error(http, StatusCodes.Status409Conflict, "DUPLICATE_INTERACTION", $"Interaction '{externalId}' was already ingested");
        }

        desk.Accept(entry, rule);
        return Replies.Json(new JsonObject
        {
            ["status"] = StatusCodes.Status201Created,
            ["request_id"] = Guid.NewGuid().ToString(),
            ["message"] = "Queued for processing",
            ["data"] = new JsonObject
            {
                ["interaction_id"] = interaction.AnalysisId,
                ["external_interaction_id"] = externalId,
                ["status"] = "queued",
            },
        }, StatusCodes.Status201Created);
    }

    private static IResult Detail(HttpContext http, string interactionIdentifier, SandboxState state)
    {
        if (state.Interaction(interactionIdentifier) is not { } found)
        {
            return Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"No interaction '{interactionIdentifier}'");
        }

        var (request, status) = found;
        var completed = status.Status == "COMPLETED";
        var data = new JsonObject
        {
            ["interaction_id"] = request.AnalysisId,
            ["external_interaction_id"] = request.ExternalInteractionId,
            ["channel_type"] = request.ChannelType,
            ["source"] = "sandbox",
            ["status"] = status.Status.ToLowerInvariant(),
            ["audio_url"] = request.AudioUrl,
            ["pii_redacted"] = false,
            ["created_at"] = Replies.Date(request.IngestedAt),
            ["analyses"] = completed
                ? new JsonArray(new JsonObject { ["analysis_id"] = request.AnalysisId, ["profile_id"] = "prof-sandbox", ["status"] = "completed" })
                : new JsonArray(),
        };
        if (completed)
        {
            data["transcript_url"] = $"{http.SandboxBaseUrl().TrimEnd('/')}/sandbox/cqa/{Uri.EscapeDataString(request.ExternalInteractionId)}/transcript";
        }

        return Replies.Json(new JsonObject { ["status"] = StatusCodes.Status200OK, ["request_id"] = Guid.NewGuid().ToString(), ["data"] = data });
    }
}
