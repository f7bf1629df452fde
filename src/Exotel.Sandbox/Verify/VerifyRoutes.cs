using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Verify;

/// <summary>
/// Verify (docs/exotel-wire.md "Verify"): start generates a 6-digit OTP the phone "receives" (readable through
/// <c>GET /sandbox/otp/{phone}</c>); check answers approved for the right code, 400 with code 1211 for a wrong one,
/// failed once the OTP expired or the attempts ran out, 404 for an unknown verification.
/// </summary>
internal static class VerifyRoutes
{
    public const int InvalidOtp = 1211;

    public static void Map(IEndpointRouteBuilder app)
    {
        var verify = app.MapGroup("/v2/accounts/{sid}/verifications/sms").RequireCredentials(Credentials.Verify).RateLimited(Products.Verify);
        verify.MapPost("/", StartAsync);
        verify.MapPost("/{verificationSid}/check", CheckAsync);
    }

    private static async Task<IResult> StartAsync(HttpContext http, SandboxState state, ScenarioBook scenarios, Faults faults, SandboxOptions options, TimeProvider time)
    {
        var json = ApiRequest.Of(http).Json;
        var phone = json.Text("phone_number");
        if (await faults.InjectAsync(http, [Products.Verify], [phone]) is { } fault)
        {
            return fault;
        }

        (int Code, string Message)? refusal = json switch
        {
            not JsonObject => (1000, "The body must be a JSON object"),
            _ when json.Text("application_id") is null => (1001, "application_id is required"),
            _ when json.Text("application_id") != options.VerifyApplicationId => (1001, $"Unknown application_id '{json.Text("application_id")}'"),
            _ when !PhoneNumbers.IsE164(phone) => (1002, $"phone_number '{phone}' is not an E.164 number"),
            _ => null,
        };
        if (refusal is { } refused)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, refused.Code.ToString(System.Globalization.CultureInfo.InvariantCulture), refused.Message);
        }

        var normalized = PhoneNumbers.Normalize(phone);
        var delivered = scenarios.OutcomeFor([Products.Verify], normalized)?.Outcome != "undelivered";
        var now = time.GetUtcNow();
        var verification = new VerificationEntry(
            Sids.Verification(), normalized, Sids.Otp(), delivered, now, now + options.OtpLifetime, json?["replace_vars"]?.ToJsonString());
        state.Add(verification);
        return Reply(http, verification.Sid, verification.Status);
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string verificationSid, SandboxState state, Faults faults, SandboxOptions options, TimeProvider time)
    {
        if (await faults.InjectAsync(http, [Products.Verify], [state.Verifications.FirstOrDefault(v => v.Sid == verificationSid)?.Phone]) is { } fault)
        {
            return fault;
        }

        var otp = ApiRequest.Of(http).Json.Text("otp");
        if (otp is null)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "1000", "otp is required");
        }

        var now = time.GetUtcNow();
        var outcome = state.WithVerification(verificationSid, verification =>
        {
            if (verification.Status == "pending" && (now > verification.ExpiresAt || verification.Attempts >= options.OtpMaxAttempts))
            {
                verification.Status = "failed";
            }

            if (verification.Status != "pending")
            {
                return verification.Status;
            }

            verification.Attempts++;
            if (string.Equals(otp.Trim(), verification.Otp, StringComparison.Ordinal))
            {
                verification.Status = "approved";
                return verification.Status;
            }

            if (verification.Attempts >= options.OtpMaxAttempts)
            {
                verification.Status = "failed";
            }

            return "wrong";
        });

        return outcome switch
        {
            null => Replies.Error(http, StatusCodes.Status404NotFound, "404", $"No verification with sid '{verificationSid}'"),
            "wrong" => Replies.Error(http, StatusCodes.Status400BadRequest, InvalidOtp.ToString(System.Globalization.CultureInfo.InvariantCulture), "Invalid OTP"),
            _ => Reply(http, verificationSid, outcome),
        };
    }

    private static IResult Reply(HttpContext http, string sid, string status) => Replies.Json(new JsonObject
    {
        ["request_id"] = Sids.Request(),
        ["method"] = http.Request.Method,
        ["http_code"] = 200,
        ["response"] = new JsonObject
        {
            ["code"] = 200,
            ["status"] = "success",
            ["data"] = new JsonObject { ["sid"] = sid, ["status"] = status },
        },
    });
}
