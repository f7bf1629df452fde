using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Callbacks;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Campaigns;

/// <summary>
/// Campaigns and contacts (docs/exotel-wire.md "Campaigns and contacts"): enrol/unenrol (idempotent: a contact
/// already active is not enrolled twice) and segment sync. A new enrolment plays the campaign's first step: JSON
/// events to <c>{WebhookBaseUrl}/webhooks/exotel/campaigns</c> (default <c>sent</c> then <c>delivered</c>).
/// </summary>
internal static class CampaignRoutes
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/v1/Accounts/{sid}/Campaigns").RequireCredentials(Credentials.Api).RateLimited(Products.Campaigns);
        campaigns.MapPost("/enroll", EnrollAsync);
        campaigns.MapPost("/unenroll", UnenrollAsync);
        app.MapPost("/v2/accounts/{sid}/contacts", SyncContactsAsync).RequireCredentials(Credentials.Api).RateLimited(Products.Campaigns);
    }

    /// <summary>A campaign event as Exotel sends it to the campaign's webhook.</summary>
    public static JsonObject Event(string eventName, string campaignId, string phone, string? userId, string channel, DateTimeOffset at) => new()
    {
        ["event_id"] = Sids.New("EV"),
        ["event"] = eventName,
        ["campaign_id"] = campaignId,
        ["phone"] = phone,
        ["user_id"] = userId,
        ["channel"] = channel,
        ["timestamp"] = Replies.Date(at),
    };

    public static string? WebhookUrl(SandboxOptions options) => options.DashboardWebhook("campaigns");

    private static async Task<IResult> EnrollAsync(HttpContext http, SandboxState state, ScenarioBook scenarios, CallbackSender sender, Faults faults, SandboxOptions options, TimeProvider time)
    {
        var parsed = await ParseAsync(http, faults);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        var enrolled = 0;
        foreach (var contact in parsed.Contacts)
        {
            var userId = contact.Fields?.Text("user_id");
            var isNew = state.Enroll(new SandboxEnrollment(parsed.CampaignId, contact.Phone, userId, contact.Fields?.ToJsonString(SandboxJson.Options) ?? "{}", true, now));
            enrolled++;
            if (isNew)
            {
                PlayFirstStep(parsed.CampaignId, contact.Phone, userId, scenarios, sender, options, now);
            }
        }

        return Replies.Json(new JsonObject { ["response"] = new JsonObject { ["status"] = "success", ["enrolled"] = enrolled } });
    }

    private static async Task<IResult> UnenrollAsync(HttpContext http, SandboxState state, Faults faults)
    {
        var parsed = await ParseAsync(http, faults);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }

        var unenrolled = parsed.Contacts.Count(contact => state.Unenroll(parsed.CampaignId, contact.Phone));
        return Replies.Json(new JsonObject { ["response"] = new JsonObject { ["status"] = "success", ["unenrolled"] = unenrolled } });
    }

    /// <summary>Exotel creates at most this many contacts per request (developer.exotel.com/api/create-contacts).</summary>
    public const int MaxContacts = 5000;

    /// <summary>
    /// Create contacts: <c>{"contacts":[{number, first_name?, last_name?, company_name?, email?, tag?, custom_field?}]}</c>.
    /// Answers 207 (Multi-Status) with one entry per contact in order — <c>200</c> with the new contact's <c>sid</c>, or
    /// <c>400</c> with <c>error_data</c> for a number that is not E.164 — in the v2 envelope; a request with no contacts
    /// or more than 5,000 is refused as a whole.
    /// </summary>
    private static async Task<IResult> SyncContactsAsync(HttpContext http, SandboxState state, Faults faults, TimeProvider time)
    {
        var contacts = (ApiRequest.Of(http).Json?["contacts"] as JsonArray)?.ToList() ?? [];
        if (await faults.InjectAsync(http, [Products.Campaigns], contacts.Select(contact => contact.Text("number"))) is { } fault)
        {
            return fault;
        }

        if (contacts.Count is 0 or > MaxContacts)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "INVALID_PARAMETER", $"contacts must list 1 to {MaxContacts} contacts ({contacts.Count} given)");
        }

        var now = time.GetUtcNow();
        var entries = new JsonArray();
        foreach (var contact in contacts)
        {
            if (!PhoneNumbers.IsE164(contact.Text("number")))
            {
                entries.Add(new JsonObject
                {
                    ["code"] = 400,
                    ["status"] = "failure",
                    ["error_data"] = new JsonObject { ["code"] = 1002, ["message"] = $"number '{contact.Text("number")}' is not an E.164 number" },
                });
                continue;
            }

            var sid = Sids.New("CT");
            state.AddContacts([new SandboxContact(
                PhoneNumbers.Normalize(contact.Text("number")), contact.Text("first_name"),
                contact?["custom_field"]?.ToJsonString(SandboxJson.Options) ?? "{}", now)]);
            entries.Add(new JsonObject
            {
                ["code"] = 200,
                ["status"] = "success",
                ["data"] = new JsonObject { ["sid"] = sid, ["number"] = PhoneNumbers.Normalize(contact.Text("number")) },
            });
        }

        return Replies.Json(
            new JsonObject { ["request_id"] = Sids.New("RQ"), ["method"] = "POST", ["http_code"] = 207, ["response"] = entries },
            StatusCodes.Status207MultiStatus);
    }

    private static void PlayFirstStep(
        string campaignId, string phone, string? userId, ScenarioBook scenarios, CallbackSender sender, SandboxOptions options, DateTimeOffset now)
    {
        var rule = scenarios.OutcomeFor([Products.Campaigns], phone);
        if (rule?.NoCallback == true || WebhookUrl(options) is not { } url)
        {
            return;
        }

        string[] events = (rule?.Outcome ?? "delivered") switch
        {
            "sent" => ["sent"],
            "failed" => ["sent", "failed"],
            "responded" => ["sent", "delivered", "responded"],
            "completed" => ["sent", "delivered", "completed"],
            _ => ["sent", "delivered"],
        };
        var step = rule?.Delay ?? options.CallbackDelay;
        for (var index = 0; index < events.Length; index++)
        {
            var delay = step * (index + 1);
            sender.SendLater(Callback.Json(Products.Campaigns, url, Event(events[index], campaignId, phone, userId, rule?.Channel ?? "whatsapp", now + delay)), delay);
        }
    }

    private static async Task<(string CampaignId, List<(string Phone, JsonNode? Fields)> Contacts, IResult? Refusal)> ParseAsync(HttpContext http, Faults faults)
    {
        var json = ApiRequest.Of(http).Json;
        var contacts = (json?["contacts"] as JsonArray)?.ToList() ?? [];
        if (await faults.InjectAsync(http, [Products.Campaigns], contacts.Select(contact => contact.Text("phone"))) is { } fault)
        {
            return (string.Empty, [], fault);
        }

        var campaignId = json.Text("campaign_id");
        IResult? refusal = (campaignId, contacts.Count) switch
        {
            (null, _) => Replies.Error(http, StatusCodes.Status400BadRequest, "MISSING_PARAMETER", "campaign_id is required"),
            (_, 0) => Replies.Error(http, StatusCodes.Status400BadRequest, "MISSING_PARAMETER", "contacts must list at least one contact"),
            _ when contacts.FirstOrDefault(contact => !PhoneNumbers.IsE164(contact.Text("phone"))) is { } invalid =>
                Replies.Error(http, StatusCodes.Status400BadRequest, "INVALID_NUMBER", $"phone '{invalid.Text("phone")}' is not an E.164 number"),
            _ => null,
        };
        return refusal is not null
            ? (string.Empty, [], refusal)
            : (campaignId!, contacts.Select(contact => (PhoneNumbers.Normalize(contact.Text("phone")), contact?["custom_fields"])).ToList(), null);
    }
}
