using System.Text.Json.Nodes;
using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Campaigns;

/// <summary>Reads <c>{"response":{"status":"success","enrolled":N}}</c> and its unenroll and contacts counterparts.</summary>
internal static class CampaignReply
{
    /// <summary>
    /// Whether a 2xx reply reports failure after all (<c>response.status</c> = <c>failure</c>), and the count under
    /// <paramref name="countField"/> when it gives one.
    /// </summary>
    public static (bool Failed, int? Count) Read(string body, string countField)
    {
        var response = ExotelV2Reply.Response(body);
        return (ExotelV2Reply.Text(ExotelV2Reply.Property(response, "status")) == "failure",
            ExotelV2Reply.Int(ExotelV2Reply.Property(response, countField)));
    }
}

/// <summary>
/// Reads the 207 (Multi-Status) answer to a contacts sync: <c>{"request_id","method","http_code","response":[{"code",
/// "status","data":{"sid",…}} | {"code":400,"status":"failure","error_data":{"code","message"}}]}</c>, one entry per
/// contact in request order.
/// </summary>
internal static class ContactsReply
{
    /// <summary>The per-contact results, or null when the answer does not list one entry per contact.</summary>
    public static IReadOnlyList<ContactResult>? Read(string body, int contacts)
    {
        var entries = ExotelV2Reply.Items(ExotelV2Reply.Response(body));
        return entries.Count == contacts ? [.. entries.Select(Entry)] : null;
    }

    private static ContactResult Entry(JsonNode? entry)
    {
        var sid = ExotelV2Reply.Text(ExotelV2Reply.Property(entry, "data", "sid"));
        var failed = ExotelV2Reply.Text(ExotelV2Reply.Property(entry, "status")) == "failure" || ExotelV2Reply.Int(ExotelV2Reply.Property(entry, "code")) >= 400;
        if (!failed)
        {
            return new ContactResult(sid);
        }

        var error = ExotelV2Reply.Property(entry, "error_data");
        return new ContactResult(
            sid,
            ExotelV2Reply.Text(ExotelV2Reply.Property(error, "code")) ?? ExotelV2Reply.Text(ExotelV2Reply.Property(entry, "code")) ?? "UNKNOWN",
            ExotelV2Reply.Text(ExotelV2Reply.Property(error, "message")) ?? ExotelV2Reply.Text(ExotelV2Reply.Property(error, "description")) ?? "refused");
    }
}
