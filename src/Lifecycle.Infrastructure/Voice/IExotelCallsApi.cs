using Refit;

namespace Lifecycle.Infrastructure.Voice;

/// <summary>
/// Exotel Voice v1 (guide §3.2, §3.6): form-urlencoded, HTTP Basic api_key:api_token. Called without the
/// <c>.json</c> suffix, so Exotel answers its default XML; <see cref="CallReply"/> reads that and the JSON envelope.
/// </summary>
public interface IExotelCallsApi
{
    [Post("/v1/Accounts/{accountSid}/Calls/connect")]
    Task<HttpResponseMessage> ConnectAsync(string accountSid, [Body(BodySerializationMethod.UrlEncoded)] CallConnectForm form, CancellationToken ct);

    [Get("/v1/Accounts/{accountSid}/Calls/{callSid}")]
    Task<HttpResponseMessage> GetAsync(string accountSid, string callSid, CancellationToken ct);
}

/// <summary>The <c>Calls/connect</c> form. A null field is left out of the form.</summary>
public sealed class CallConnectForm
{
    /// <summary>The number dialled first: the user's.</summary>
    [AliasAs("From")]
    public required string From { get; init; }

    /// <summary>The number connected after <see cref="From"/> answers, when the call connects two numbers.</summary>
    [AliasAs("To")]
    public string? To { get; init; }

    /// <summary>Our virtual number (ExoPhone).</summary>
    [AliasAs("CallerId")]
    public required string CallerId { get; init; }

    /// <summary>The flow (<c>http://my.exotel.com/{sid}/exoml/start_voice/{flow}</c>), when the call runs a flow.</summary>
    [AliasAs("Url")]
    public string? Url { get; init; }

    [AliasAs("CustomField")]
    public string? CustomField { get; init; }

    [AliasAs("StatusCallback")]
    public required string StatusCallback { get; init; }

    [AliasAs("StatusCallbackEvents[0]")]
    public required string StatusCallbackEvent { get; init; }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    [AliasAs("Record")]
    public string? Record { get; init; }

    /// <summary><c>single</c> or <c>dual</c>.</summary>
    [AliasAs("RecordingChannels")]
    public string? RecordingChannels { get; init; }

    /// <summary>Seconds the call may last.</summary>
    [AliasAs("TimeLimit")]
    public int? TimeLimit { get; init; }

    /// <summary>Seconds each leg rings.</summary>
    [AliasAs("TimeOut")]
    public int? TimeOut { get; init; }
}
