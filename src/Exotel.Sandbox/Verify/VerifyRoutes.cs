using System.Globalization;
using System.Text.Json.Nodes;
using Exotel.Sandbox.Auth;
using Exotel.Sandbox.Http;
using Exotel.Sandbox.RateLimiting;
using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox.Verify;

/// <summary>
/// ExoVerify (docs/exotel-wire.md "Verify"), in the shapes of Exotel's pages: start generates a 6-digit OTP the phone
/// "receives" (readable through <c>GET /sandbox/otp/{phone}</c>); the check is <c>POST …/verifications/sms/{verification_id}</c>
/// with <c>{"OTP"}</c> and answers 200 with the documented success envelope for the right code, 400 with error 1211 for
/// a wrong one, 400 1210 once the code has expired, 403 1016 once the attempts are used up, 403 1003 for a
/// verification already verified, 404 for an unknown one.
/// </summary>
internal static class VerifyRoutes
{
    public const int InvalidOtp = 1211;
    public const int OtpExpired = 1210;
    public const int MaxAttemptsExceeded = 1016;
    public const int AlreadyVerified = 1003;

    public static void Map(IEndpointRouteBuilder app)
    {
        var verify = app.MapGroup("/v2/accounts/{sid}/verifications/sms").RequireCredentials(Credentials.Verify).RateLimited(Products.Verify);
        verify.MapPost("/", StartAsync);
        verify.MapPost("/{verificationSid}", CheckAsync);
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
            return Replies.Error(http, StatusCodes.Status400BadRequest, refused.Code.ToString(CultureInfo.InvariantCulture), refused.Message);
        }

        var normalized = PhoneNumbers.Normalize(phone);
        var delivered = scenarios.OutcomeFor([Products.Verify], normalized)?.Outcome != "undelivered";
        var now = time.GetUtcNow();
        var verification = new VerificationEntry(
            Sids.Verification(), normalized, Sids.Otp(), delivered, now, now + options.OtpLifetime, json?["replace_vars"]?.ToJsonString());
        state.Add(verification);
        return Envelope(http, new JsonObject
        {
            ["verification_id"] = verification.Sid,
            ["phone_number"] = Masked(normalized),
            ["application_id"] = options.VerifyApplicationId,
            ["account_sid"] = options.AccountSid,
            ["max_attempts"] = options.OtpMaxAttempts,
            ["expiration_in_seconds"] = (int)options.OtpLifetime.TotalSeconds,
            ["created_at"] = Timestamp(now),
            ["updated_at"] = Timestamp(now),
        });
    }

    private static async Task<IResult> CheckAsync(HttpContext http, string verificationSid, SandboxState state, Faults faults, SandboxOptions options, TimeProvider time)
    {
        if (await faults.InjectAsync(http, [Products.Verify], [state.Verifications.FirstOrDefault(v => v.Sid == verificationSid)?.Phone]) is { } fault)
        {
            return fault;
        }

        var otp = ApiRequest.Of(http).Json.Text("OTP");
        if (otp is null)
        {
            return Replies.Error(http, StatusCodes.Status400BadRequest, "1001", "Mandatory Body Parameters missing: OTP");
        }

        var now = time.GetUtcNow();
        var outcome = state.WithVerification(verificationSid, verification => Check(verification, otp, now, options));
        var created = state.Verifications.FirstOrDefault(v => v.Sid == verificationSid)?.CreatedAt ?? now;
        return outcome switch
        {
            null => Replies.Error(http, StatusCodes.Status404NotFound, "404", $"No verification with id '{verificationSid}'"),
            CheckOutcome.Approved => Envelope(http, new JsonObject
            {
                ["verification_id"] = verificationSid,
                ["application_id"] = options.VerifyApplicationId,
                ["account_sid"] = options.AccountSid,
                ["status"] = "success",
                ["created_at"] = Timestamp(created),
                ["updated_at"] = Timestamp(now),
            }),
            CheckOutcome.WrongCode => Refuse(http, StatusCodes.Status400BadRequest, InvalidOtp, "Invalid OTP Entered"),
            CheckOutcome.Expired => Refuse(http, StatusCodes.Status400BadRequest, OtpExpired, "OTP has expired"),
            CheckOutcome.TooManyAttempts => Refuse(http, StatusCodes.Status403Forbidden, MaxAttemptsExceeded, "Max attempts exceeded"),
            _ => Refuse(http, StatusCodes.Status403Forbidden, AlreadyVerified, "VerificationId already verified."),
        };
    }

    /// <summary>One check against the stored verification: its status moves as Exotel's would.</summary>
    private static CheckOutcome Check(VerificationEntry verification, string otp, DateTimeOffset now, SandboxOptions options)
    {
        if (verification.Status == "pending" && now > verification.ExpiresAt)
        {
            verification.Status = "expired";
        }

        switch (verification.Status)
        {
            case "approved":
                return CheckOutcome.AlreadyVerified;
            case "expired":
                return CheckOutcome.Expired;
            case "failed":
                return CheckOutcome.TooManyAttempts;
        }

        if (verification.Attempts >= options.OtpMaxAttempts)
        {
            verification.Status = "failed";
            return CheckOutcome.TooManyAttempts;
        }

        verification.Attempts++;
        if (string.Equals(otp.Trim(), verification.Otp, StringComparison.Ordinal))
        {
            verification.Status = "approved";
            return CheckOutcome.Approved;
        }

        if (verification.Attempts >= options.OtpMaxAttempts)
        {
            verification.Status = "failed";
        }

        return CheckOutcome.WrongCode;
    }

    private static IResult Refuse(HttpContext http, int status, int code, string description) =>
        Replies.Error(http, status, code.ToString(CultureInfo.InvariantCulture), description);

    private static string Masked(string phone) => phone.Length > 4 ? phone[..^4] + "XXXX" : phone;

    private static string Timestamp(DateTimeOffset at) => at.ToOffset(TimeSpan.FromHours(5.5)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>Exotel's v2 success envelope around <paramref name="data"/>, as its Verify pages show it.</summary>
    private static IResult Envelope(HttpContext http, JsonObject data) => Replies.Json(new JsonObject
    {
        ["request_id"] = Sids.Request(),
        ["method"] = http.Request.Method,
        ["http_code"] = 200,
        ["response"] = new JsonObject
        {
            ["code"] = 200,
            ["error_data"] = null,
            ["status"] = "success",
            ["data"] = data,
        },
    });

    private enum CheckOutcome
    {
        Approved,
        WrongCode,
        Expired,
        TooManyAttempts,
        AlreadyVerified,
    }
}
