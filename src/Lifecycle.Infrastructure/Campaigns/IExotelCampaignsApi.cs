using System.Text.Json.Serialization;
using Refit;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>
/// Exotel Campaigns / Engage (guide §3.5): enroll and unenroll (method A) and contacts sync (method B), JSON, HTTP
/// Basic api_key:api_token, base <c>Exotel:Endpoints:Api</c>.
/// </summary>
public interface IExotelCampaignsApi
{
    [Post("/v1/Accounts/{accountSid}/Campaigns/enroll")]
    Task<HttpResponseMessage> EnrollAsync(string accountSid, [Body(buffered: true)] CampaignContactsBody body, CancellationToken ct);

    [Post("/v1/Accounts/{accountSid}/Campaigns/unenroll")]
    Task<HttpResponseMessage> UnenrollAsync(string accountSid, [Body(buffered: true)] CampaignContactsBody body, CancellationToken ct);

    /// <summary>
    /// Create contacts: <c>{"contacts":[{number, first_name?, last_name?, email?, tag?, custom_field?}]}</c>, at most
    /// <see cref="ExotelCampaigns.MaxContactsPerRequest"/>; answers 207 with one entry per contact.
    /// </summary>
    [Post("/v2/accounts/{accountSid}/contacts")]
    Task<HttpResponseMessage> SyncContactsAsync(string accountSid, [Body(buffered: true)] ContactsBody body, CancellationToken ct);
}

public sealed class CampaignContactsBody
{
    [JsonPropertyName("campaign_id")]
    public required string CampaignId { get; init; }

    [JsonPropertyName("contacts")]
    public required IReadOnlyList<CampaignWireContact> Contacts { get; init; }
}

public sealed class CampaignWireContact
{
    [JsonPropertyName("phone")]
    public required string Phone { get; init; }

    [JsonPropertyName("custom_fields")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? CustomFields { get; init; }
}

public sealed class ContactsBody
{
    [JsonPropertyName("contacts")]
    public required IReadOnlyList<WireContact> Contacts { get; init; }
}

public sealed class WireContact
{
    [JsonPropertyName("number")]
    public required string Number { get; init; }

    [JsonPropertyName("first_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? FirstName { get; init; }

    [JsonPropertyName("last_name")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? LastName { get; init; }

    [JsonPropertyName("email")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Email { get; init; }

    [JsonPropertyName("tag")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Tag { get; init; }

    /// <summary>Key/value pairs of ours, kept on the contact (Exotel's example names it <c>custom_field</c>).</summary>
    [JsonPropertyName("custom_field")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? CustomField { get; init; }
}
