using System.Net;
using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Campaigns;
using Lifecycle.Infrastructure.Exotel;
using Lifecycle.IntegrationTests.Infrastructure;

namespace Lifecycle.IntegrationTests.Contracts;

/// <summary>Campaign enroll and unenroll, and the contacts sync, against exotel-wire.md.</summary>
public sealed class CampaignsContractTests : ExotelContract
{
    [Fact]
    public async Task Enrolling_posts_the_campaign_and_contacts_with_their_custom_fields_as_json()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"status":"success","enrolled":2}}""");

        var change = await campaigns.EnrollAsync(
            "CMP_onboarding_day7",
            [
                new CampaignContact("+919876543210", new Dictionary<string, string> { ["user_id"] = "u_12345", ["last_login"] = "2026-05-12" }),
                new CampaignContact("+919812345678"),
            ],
            CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/Accounts/test-account/Campaigns/enroll", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        AssertJsonBody(
            """
            {"campaign_id":"CMP_onboarding_day7","contacts":[
              {"phone":"+919876543210","custom_fields":{"user_id":"u_12345","last_login":"2026-05-12"}},
              {"phone":"+919812345678"}]}
            """,
            request);
        Assert.Equal(new CampaignChange.Accepted(2), change);
    }

    [Fact]
    public async Task Enrolling_a_contact_already_active_in_the_campaign_is_accepted()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"status":"success","enrolled":0}}""");

        var change = await campaigns.EnrollAsync("CMP_onboarding_day7", [new CampaignContact("+919876543210")], CancellationToken.None);

        Assert.Equal(new CampaignChange.Accepted(0), change);
    }

    [Fact]
    public async Task Unenrolling_posts_the_campaign_and_phones_as_json()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.OK, """{"response":{"status":"success"}}""");

        var change = await campaigns.UnenrollAsync("CMP_onboarding_day7", ["+919876543210"], CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v1/Accounts/test-account/Campaigns/unenroll", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        AssertJsonBody("""{"campaign_id":"CMP_onboarding_day7","contacts":[{"phone":"+919876543210"}]}""", request);
        Assert.Equal(new CampaignChange.Accepted(null), change);
    }

    [Fact]
    public async Task Contacts_are_synced_to_the_v2_contacts_api_in_the_documented_fields_without_unset_ones()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(
            (HttpStatusCode)207,
            """
            {"request_id":"r1","method":"POST","http_code":207,"response":[
              {"code":200,"status":"success","data":{"sid":"CT1","number":"+919876543210"}},
              {"code":400,"status":"failure","error_data":{"code":1002,"message":"Invalid number"}}]}
            """);

        var sync = await campaigns.SyncContactsAsync(
            [
                new ExotelContact("+919876543210", "Priya", "Sharma", "priya@example.com", "AT_RISK", new Dictionary<string, string> { ["user_id"] = "u1" }),
                new ExotelContact("+919812345678"),
            ],
            CancellationToken.None);

        var request = SingleRequest();
        Assert.Equal("POST", request.Method);
        Assert.Equal("/v2/accounts/test-account/contacts", request.Path);
        Assert.Equal(ApiCredentials, request.Authorization);
        AssertJsonBody(
            """
            {"contacts":[{"number":"+919876543210","first_name":"Priya","last_name":"Sharma","email":"priya@example.com","tag":"AT_RISK",
                          "custom_field":{"user_id":"u1"}},
                         {"number":"+919812345678"}]}
            """,
            request);
        var documented = JsonNode.Parse(ExotelFixtures.Read("contacts-create-request.json"))!["contacts"]![0]!.AsObject().Select(field => field.Key);
        var sent = JsonNode.Parse(request.Body)!["contacts"]![0]!.AsObject().Select(field => field.Key);
        Assert.Empty(sent.Except(documented));
        var synced = Assert.IsType<ContactsSync.Synced>(sync);
        Assert.Equal([new ContactResult("CT1"), new ContactResult(null, "1002", "Invalid number")], synced.Contacts);
    }

    [Fact]
    public async Task A_contacts_sync_takes_at_most_5000_contacts_per_request()
    {
        var campaigns = Client<ExotelCampaigns>();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            campaigns.SyncContactsAsync([.. Enumerable.Range(0, 5001).Select(i => new ExotelContact($"+9198{i:D8}"))], CancellationToken.None));

        Assert.Empty(Exotel.Requests);
    }

    [Fact]
    public async Task A_refused_enrollment_is_a_result_with_exotels_code_and_is_not_retried()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest, """{"RestException":{"Status":400,"Code":"CAMPAIGN_NOT_FOUND","Message":"No such campaign"}}""");

        var change = await campaigns.EnrollAsync("CMP_missing", [new CampaignContact("+919876543210")], CancellationToken.None);

        Assert.Equal(new CampaignChange.Refused("CAMPAIGN_NOT_FOUND", "No such campaign"), change);
        SingleRequest();
    }

    [Fact]
    public async Task A_refused_contacts_sync_is_a_result_with_exotels_code()
    {
        var campaigns = Client<ExotelCampaigns>();
        Exotel.Reply = _ => new CannedReply(
            HttpStatusCode.BadRequest, """{"response":{"status":"failure","error_data":{"code":"INVALID_NUMBER","message":"Bad number"}}}""");

        var sync = await campaigns.SyncContactsAsync([new ExotelContact("12")], CancellationToken.None);

        Assert.Equal(new ContactsSync.Refused("INVALID_NUMBER", "Bad number"), sync);
        SingleRequest();
    }

    [Fact]
    public async Task A_server_error_on_enrollment_is_thrown_as_transient()
    {
        var campaigns = Client<ExotelCampaigns>(httpRetries: 0);
        Exotel.Reply = _ => new CannedReply(HttpStatusCode.InternalServerError, """{"RestException":{"Status":500,"Message":"Internal error"}}""");

        var failure = await Assert.ThrowsAsync<ExotelTransientException>(() =>
            campaigns.EnrollAsync("CMP_onboarding_day7", [new CampaignContact("+919876543210")], CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.Status);
        SingleRequest();
    }
}
