using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// Every answer shape ExoVerify and the guide give for a start or a check (docs/exotel-wire.md "Verify"), read into
/// one typed record: Exotel's v2 envelope <c>{"response":{"status","data":{…},"error_data":{…}}}</c> (its older
/// pages), the same fields without the envelope (its newer pages), and the guide's top-level <c>{"status"}</c>.
/// Which word means what is decided in <see cref="ExotelVerify"/>; this record only says where each word is.
/// </summary>
internal sealed record VerifyReply
{
    [JsonPropertyName("verification_id")]
    public string? VerificationId { get; init; }

    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("error_data")]
    public VerifyError? ErrorData { get; init; }

    [JsonPropertyName("response")]
    public VerifyEnvelope? Response { get; init; }

    /// <summary>The verification's id: <c>verification_id</c> as Exotel documents it, or the <c>sid</c> some answers use.</summary>
    public string? VerificationSid =>
        NullIfEmpty(Response?.Data?.VerificationId) ?? NullIfEmpty(Response?.Data?.Sid) ?? NullIfEmpty(VerificationId) ?? NullIfEmpty(Sid);

    /// <summary>
    /// The verification's status word: the envelope's <c>data.status</c>, else the top-level <c>status</c> (newer pages,
    /// the guide). The envelope's own <c>response.status</c> is not it: that says whether the request went through.
    /// </summary>
    public string? StatusWord => NullIfEmpty(Response?.Data?.Status) ?? NullIfEmpty(Status);

    /// <summary>The envelope's own <c>response.status</c> (<c>success</c>/<c>failure</c> of the request itself).</summary>
    public string? EnvelopeStatus => NullIfEmpty(Response?.Status);

    /// <summary>Why Exotel refused, when it says: <c>response.error_data</c> or a top-level <c>error_data</c>.</summary>
    public VerifyError? Error => Response?.ErrorData is { Code: not null } inEnvelope ? inEnvelope : ErrorData is { Code: not null } ? ErrorData : null;

    /// <summary>The body read, or null when it is not JSON of this shape (the caller decides what an unreadable answer means).</summary>
    public static VerifyReply? Parse(string body) => ExotelJson.TryRead<VerifyReply>(body);

    /// <summary>Exotel's code and words for a refusal, falling back to the HTTP status when the body names none.</summary>
    public static (string Code, string Message) Refusal(VerifyReply? reply, HttpStatusCode status) =>
        reply?.Error is { Code: { } code } error
            ? (code, error.Text ?? status.ToString())
            : (((int)status).ToString(CultureInfo.InvariantCulture), status.ToString());

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

/// <summary>Exotel's v2 envelope (<c>response</c>).</summary>
internal sealed record VerifyEnvelope
{
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    [JsonPropertyName("data")]
    public VerifyData? Data { get; init; }

    [JsonPropertyName("error_data")]
    public VerifyError? ErrorData { get; init; }
}

/// <summary>The verification as the envelope's <c>data</c> gives it.</summary>
internal sealed record VerifyData
{
    [JsonPropertyName("verification_id")]
    public string? VerificationId { get; init; }

    [JsonPropertyName("sid")]
    public string? Sid { get; init; }

    [JsonPropertyName("status")]
    public string? Status { get; init; }
}

/// <summary><c>error_data</c>: a numeric code (1211, 1210, 1016…) with a <c>description</c> and/or a <c>message</c>.</summary>
internal sealed record VerifyError
{
    /// <summary>Exotel writes the code as a JSON number; read as text so that a string code is read too.</summary>
    [JsonPropertyName("code")]
    [JsonConverter(typeof(NumberOrStringConverter))]
    public string? Code { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>
    /// The specific words first: Exotel's documented 1003 answer has <c>description</c> "VerificationId already verified."
    /// next to the generic <c>message</c> "Authentication failed".
    /// </summary>
    public string? Text => string.IsNullOrWhiteSpace(Description) ? string.IsNullOrWhiteSpace(Message) ? null : Message : Description;
}

/// <summary>Reads a JSON number or string as its text.</summary>
internal sealed class NumberOrStringConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"Expected a number or a string, found {reader.TokenType}."),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
