using System.Net;
using System.Text.Json.Nodes;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>
/// Makes a <see cref="RecordingExotel"/> answer like ExoVerify's public pages: a start with
/// <c>verify-start-reply.json</c>; a check at the documented path (<c>…/verifications/sms/{verification_id}</c>,
/// body <c>{"OTP"}</c>) with <c>verify-check-success.json</c> for the right code and the chosen wrong-code answer
/// otherwise; any other path 404, as a server that has no such route.
/// </summary>
public static class ExoVerifyStandIn
{
    public const string StartPath = "/v2/accounts/test-account/verifications/sms";

    /// <summary>Every way a wrong code is answered: Exotel's documented 400 1211, a 200 "failure", the guide's 200 "failed".</summary>
    public static IReadOnlyDictionary<string, CannedReply> WrongCodeAnswers { get; } = new Dictionary<string, CannedReply>
    {
        ["400 1211"] = new(HttpStatusCode.BadRequest, ExotelFixtures.Read("verify-check-wrong-code.json")),
        ["200 failure"] = new(HttpStatusCode.OK, """
            {"request_id":"r1","method":"POST","http_code":200,
             "response":{"code":200,"error_data":null,"status":"success","data":{"verification_id":"ver_abc123def456","status":"failure"}}}
            """),
        ["200 failed"] = new(HttpStatusCode.OK, """{"status":"failed"}"""),
    };

    public static void Answer(RecordingExotel exotel, string rightCode, string wrongCode)
    {
        var start = new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("verify-start-reply.json"));
        var approved = new CannedReply(HttpStatusCode.OK, ExotelFixtures.Read("verify-check-success.json"));
        var wrong = WrongCodeAnswers[wrongCode];
        exotel.Reply = request => request switch
        {
            { Method: "POST", Path: StartPath } => start,
            { Method: "POST" } when IsCheckPath(request.Path) => OtpOf(request) == rightCode ? approved : wrong,
            _ => new CannedReply(HttpStatusCode.NotFound, """{"response":{"code":404,"status":"failure","error_data":{"code":404,"description":"Not found"}}}"""),
        };
    }

    private static bool IsCheckPath(string path) =>
        path.StartsWith(StartPath + "/", StringComparison.Ordinal) && !path[(StartPath.Length + 1)..].Contains('/', StringComparison.Ordinal);

    private static string? OtpOf(RecordedRequest request) =>
        JsonNode.Parse(request.Body) is JsonObject body && body["OTP"] is JsonValue otp ? otp.GetValue<string>() : null;
}
