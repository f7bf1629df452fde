using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>Exotel Voice v2 CCM (guide §3.2): agent click-to-call, JSON, HTTP Basic api_key:api_token, base <c>Exotel:Endpoints:Ccm</c>.</summary>
public interface IExotelCcmApi
{
    [Post("/v2/accounts/{accountSid}/calls")]
    Task<HttpResponseMessage> ConnectAsync(string accountSid, [Body(buffered: true)] CcmCallBody body, CancellationToken ct);
}

public sealed class CcmCallBody
{
    [JsonPropertyName("from")]
    public required CcmAgent From { get; init; }

    [JsonPropertyName("to")]
    public required CcmNumber To { get; init; }

    [JsonPropertyName("virtual_number")]
    public required string VirtualNumber { get; init; }

    [JsonPropertyName("recording")]
    public required bool Recording { get; init; }

    [JsonPropertyName("recording_channels")]
    public required string RecordingChannels { get; init; }

    [JsonPropertyName("custom_field")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomField { get; init; }

    [JsonPropertyName("status_callback")]
    public required IReadOnlyList<CcmStatusCallback> StatusCallback { get; init; }
}

/// <summary>The dashboard agent (a co-worker in Exotel) whose phone rings first.</summary>
public sealed class CcmAgent
{
    [JsonPropertyName("user_id")]
    public required string UserId { get; init; }
}

public sealed class CcmNumber
{
    [JsonPropertyName("number")]
    public required string Number { get; init; }
}

public sealed class CcmStatusCallback
{
    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
