using System.Globalization;
using System.Text.RegularExpressions;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Sms;

/// <summary>
/// SMS v1 (docs/exotel-wire.md "SMS"): <c>Sms/send</c>, <c>Sms/bulksend</c> (form-urlencoded) and
/// <c>Sms/Messages/{SmsSid}</c>; each path also with <c>.json</c> for a JSON answer. <c>bulksend.json</c> answers the
/// top-level array of <c>{"SMSMessage":{…}}</c>, one per message in order (api.md "Outbound wire choices").
/// </summary>
internal static partial class SmsRoutes
{
    public const int MaxCustomField = 255;
    public const int MaxBulkMessages = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        var sms = app.MapGroup("/v1/Accounts/{sid}/Sms").RequireCredentials(Credentials.Api);
        foreach (var suffix in new[] { string.Empty, ".json" })
        {
            sms.MapPost("/send" + suffix, SendAsync).SmsRateLimited();
            sms.MapPost("/bulksend" + suffix, BulkSendAsync).SmsRateLimited();
        }

        sms.MapGet("/Messages/{smsSid}", Status);
    }

    private static async Task<IResult> SendAsync(HttpContext http, SmsDesk desk, Faults faults, SandboxOptions options, TimeProvider time)
    {
        var request = ApiRequest.Of(http);
        if (await faults.InjectAsync(http, [Products.Sms], [request.Field("To")]) is { } fault)
        {
            return fault;
        }

        var message = new Message(request.Field("To"), request.Field("Body"), request.Field("DltTemplateId"), request.Field("CustomField"));
        if (Refusal(request, message, options, string.Empty) is { } refusal)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
        }

        var sms = desk.Accept(ToRequest(request, message, time));
        return Replies.V1(http, "SMSMessage", SmsDesk.Envelope(sms, options.AccountSid));
    }

    private static async Task<IResult> BulkSendAsync(HttpContext http, SmsDesk desk, Faults faults, SandboxOptions options, TimeProvider time)
    {
        var request = ApiRequest.Of(http);
        var messages = BulkMessages(request.Form);
        if (await faults.InjectAsync(http, [Products.Sms], messages?.Select(message => message.To) ?? []) is { } fault)
        {
            return fault;
        }

        if (messages is null)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "INVALID_PARAMETER", "Messages[i] indices must run from 0 without gaps");
        }

        if (messages.Count == 0)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "MISSING_PARAMETER", "Messages[0][To] is required: a bulksend needs at least one message");
        }

        if (messages.Count > MaxBulkMessages)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "TOO_MANY_MESSAGES", $"A bulksend takes at most {MaxBulkMessages} messages ({messages.Count} given)");
        }

        for (var index = 0; index < messages.Count; index++)
        {
            if (Refusal(request, messages[index], options, $"Messages[{index}]: ") is { } refusal)
            {
                return Replies.Error(http, StatusCodes.Status400BadRequest, refusal.Code, refusal.Message);
            }
        }

        var accepted = messages.Select(message => desk.Accept(ToRequest(request, message, time))).ToList();
        return Replies.V1List(http, "SMSMessages", "SMSMessage", accepted.Select(sms => SmsDesk.Envelope(sms, options.AccountSid)));
    }

    private static IResult Status(HttpContext http, string smsSid, SandboxState state, SandboxOptions options)
    {
        var sid = smsSid.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? smsSid[..^5] : smsSid;
        return state.FindSms(sid) is { } sms
            ? Replies.V1(http, "SMSMessage", SmsDesk.Envelope(sms, options.AccountSid))
            : Replies.Error(http, StatusCodes.Status404NotFound, "NOT_FOUND", $"No SMS with Sid '{sid}'");
    }

    /// <summary>Exotel's checks, in its order: sender and body, DLT ids, template, number, CustomField, type.</summary>
    private static (string Code, string Message)? Refusal(ApiRequest request, Message message, SandboxOptions options, string prefix)
    {
        var templateId = message.DltTemplateId;
        var smsType = request.Field("SmsType");
        return (request, message) switch
        {
            _ when request.Field("From") is null => ("MISSING_PARAMETER", "From is required"),
            _ when message.Body is null => ("MISSING_PARAMETER", prefix + "Body is required"),
            _ when request.Field("DltEntityId") is null => ("DLT_ENTITY_ID_MISSING", "DltEntityId is required for SMS to Indian numbers"),
            _ when templateId is null => ("DLT_TEMPLATE_ID_MISSING", prefix + "DltTemplateId is required for SMS to Indian numbers"),
            _ when !TemplateExists(templateId, options) => ("DLT_TEMPLATE_NOT_FOUND", $"{prefix}DLT template '{templateId}' is not registered"),
            _ when !PhoneNumbers.IsE164(message.To) => ("INVALID_NUMBER", $"{prefix}To '{message.To}' is not an E.164 number"),
            _ when message.CustomField?.Length > MaxCustomField => ("CUSTOM_FIELD_TOO_LONG", $"{prefix}CustomField is longer than {MaxCustomField} characters"),
            _ when smsType is not null and not "transactional" and not "promotional" => ("INVALID_PARAMETER", "SmsType must be transactional or promotional"),
            _ => null,
        };
    }

    private static bool TemplateExists(string templateId, SandboxOptions options) =>
        options.KnownDltTemplateIds.Length > 0
            ? options.KnownDltTemplateIds.Contains(templateId, StringComparer.Ordinal)
            : !templateId.StartsWith("0000", StringComparison.Ordinal);

    private static SmsRequest ToRequest(ApiRequest request, Message message, TimeProvider time) => new(
        Sids.Sms(),
        request.Field("From")!,
        PhoneNumbers.Normalize(message.To),
        message.Body!,
        request.Field("DltEntityId"),
        message.DltTemplateId,
        request.Field("SmsType") ?? "transactional",
        request.Field("StatusCallback"),
        message.CustomField,
        time.GetUtcNow(),
        SmsDesk.Units(message.Body!));

    /// <summary><c>Messages[i][Field]</c> form fields, by index; null when the indices have a gap.</summary>
    private static List<Message>? BulkMessages(IReadOnlyDictionary<string, string> form)
    {
        var byIndex = new SortedDictionary<int, Dictionary<string, string>>();
        foreach (var (key, value) in form)
        {
            var match = BulkField().Match(key);
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (!byIndex.TryGetValue(index, out var fields))
                {
                    byIndex[index] = fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }

                fields[match.Groups[2].Value] = value;
            }
        }

        var messages = new List<Message>();
        for (var index = 0; byIndex.TryGetValue(index, out var fields); index++)
        {
            string? Get(string name) => fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
            messages.Add(new Message(Get("To"), Get("Body"), Get("DltTemplateId"), Get("CustomField")));
        }

        return messages.Count == byIndex.Count ? messages : null;
    }

    [GeneratedRegex(@"^Messages\[(\d+)\]\[(\w+)\]$")]
    private static partial Regex BulkField();

    private sealed record Message(string? To, string? Body, string? DltTemplateId, string? CustomField);
}
