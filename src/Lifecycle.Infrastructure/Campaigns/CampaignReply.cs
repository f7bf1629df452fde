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
