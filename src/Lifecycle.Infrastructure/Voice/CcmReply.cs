using System.Text.Json.Serialization;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// A Voice v2 CCM reply to a call request, read into a typed record. Exotel's pages put the call's sid in different
/// places (api.md "Voice v2 CCM answers"): <c>response.call_sid</c>, <c>response.data.call_sid</c>,
/// <c>response.data.sid</c>, <c>response.call_details.sid</c> or a top-level <c>sid</c> — and the contact-center page's
/// top-level <c>call_sid</c>.
/// </summary>
internal sealed record CcmReply
{
    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("call_sid")]
    public string? CallSid { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("response")]
    public CcmResponse? Response { get; init; }

    /// <summary>The call named by the reply, or null when no shape names a sid (or the body is not such JSON).</summary>
    public static ExotelCall? ReadCall(string body)
    {
        var reply = ExotelJson.TryRead<CcmReply>(body);

        // The envelope's own status says whether the request succeeded, not where the call is: a call status is only
        // taken from the object that describes the call.
        var response = reply?.Response;
        (string? Sid, string? Status)[] places =
        [
            (response?.CallSid, null),
            (response?.Data?.CallSid, response?.Data?.Status),
            (response?.Data?.Sid, response?.Data?.Status),
            (response?.CallDetails?.Sid, response?.CallDetails?.Status),
            (reply?.Sid, reply?.Status),
            (reply?.CallSid, reply?.Status),
        ];
        return places.FirstOrDefault(place => !string.IsNullOrWhiteSpace(place.Sid)) is { Sid: { } sid } found
            ? new ExotelCall(sid, found.Status)
            : null;
    }
}

internal sealed record CcmResponse
{
    [JsonPropertyName("call_sid")]
    public string? CallSid { get; init; }

    [JsonPropertyName("data")]
    public CcmCall? Data { get; init; }

    [JsonPropertyName("call_details")]
    public CcmCall? CallDetails { get; init; }
}

/// <summary>The call as <c>data</c> or <c>call_details</c> gives it.</summary>
internal sealed record CcmCall
{
    [JsonPropertyName("call_sid")]
    public string? CallSid { get; init; }

    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}
