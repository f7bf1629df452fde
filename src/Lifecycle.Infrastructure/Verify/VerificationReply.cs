using Lifecycle.Infrastructure.Exotel;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>Reads Verify's <c>{"response":{"data":{"sid","status"}}}</c> replies.</summary>
internal static class VerificationReply
{
    /// <summary>Exotel's code for a wrong OTP on a check.</summary>
    public const string WrongCode = "1211";

    /// <summary>The verification sid (<c>sid</c>, or <c>verification_id</c> as Exotel's public docs name it) and status.</summary>
    public static (string? Sid, string? Status) ReadStart(string body)
    {
        var data = ExotelV2Reply.Property(ExotelV2Reply.Response(body), "data");
        var sid = ExotelV2Reply.Text(ExotelV2Reply.Property(data, "sid")) ?? ExotelV2Reply.Text(ExotelV2Reply.Property(data, "verification_id"));
        return (string.IsNullOrEmpty(sid) ? null : sid, ExotelV2Reply.Text(ExotelV2Reply.Property(data, "status")));
    }

    /// <summary>The status after a check, or null when the reply gives none we know.</summary>
    public static ExotelVerificationStatus? ReadCheck(string body) =>
        ExotelV2Reply.Text(ExotelV2Reply.Property(ExotelV2Reply.Response(body), "data", "status")) switch
        {
            "approved" => ExotelVerificationStatus.Approved,
            "pending" => ExotelVerificationStatus.Pending,
            "failed" => ExotelVerificationStatus.Failed,
            _ => null,
        };
}
