using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Cqa;

/// <summary>
/// CQA (docs/exotel-wire.md "CQA"): ingest answers 202 (409 for an external_interaction_id already ingested); the
/// interaction detail answers <c>{externalInteractionId, channelType, status}</c> (PROCESSING, COMPLETED, FAILED) and,
/// once completed, the analysis fields of the callback's <c>data</c> and a <c>transcript</c> at the same level.
/// </summary>
internal static class CqaRoutes
{
    private static readonly string[] ChannelTypes = ["VOICE", "CHAT", "EMAIL", "SMS", "WHATSAPP"];

    public static void Map(IEndpointRouteBuilder app)
    {
        var cqa = app.MapGroup("/cqa/api/v1/accounts/{accountId}").RequireCredentials(Credentials.Cqa).RateLimited(Products.Cqa);
        cqa.MapPost("/ingress/interactions", IngestAsync);
        cqa.MapGet("/interactions/{externalInteractionId}", Detail);
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
            ["interaction_id"] = interaction.AnalysisId,
            ["external_interaction_id"] = externalId,
            ["status"] = "QUEUED",
        }, StatusCodes.Status202Accepted);
    }

    private static IResult Detail(HttpContext http, string externalInteractionId, SandboxState state)
    {
        if (state.Interaction(externalInteractionId) is not { } found)
        {
            return Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"No interaction '{externalInteractionId}'");
        }

        var (request, status) = found;

        var detail = new JsonObject
        {
            ["externalInteractionId"] = request.ExternalInteractionId,
            ["channelType"] = request.ChannelType,
            ["status"] = status.Status,
        };
        if (status.Status == "COMPLETED")
        {
            foreach (var (name, value) in CqaDesk.Analysis(request, status.Score ?? CqaDesk.DefaultScore, withTranscript: true).ToList())
            {
                detail[name] = value?.DeepClone();
            }
        }

        return Replies.Json(detail);
    }
}
