using System.Net;
using Lifecycle.Infrastructure.Exotel;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Verify;

/// <summary>
/// Sends SMS one-time codes through Exotel Verify and checks the codes users enter. A wrong code is an answer
/// (<see cref="VerificationCheck.NotApproved"/>), not a failure; 429/5xx throw <see cref="ExotelTransientException"/>.
/// </summary>
internal sealed class ExotelVerify(IExotelVerifyApi api, IOptions<ExotelOptions> exotel)
{
    /// <param name="phoneNumber">E.164.</param>
    /// <param name="templateVariables">Values of the DLT template's placeholders other than the code; none are sent when empty.</param>
    public async Task<VerificationStart> StartAsync(string phoneNumber, IReadOnlyList<string>? templateVariables, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(phoneNumber);
        var body = new VerificationStartBody
        {
            ApplicationId = exotel.Value.Verify.ApplicationId,
            PhoneNumber = phoneNumber,
            ReplaceVars = templateVariables is { Count: > 0 } ? templateVariables : null,
        };

        using var response = await api.StartAsync(exotel.Value.AccountSid, body, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            var (sid, status) = VerificationReply.ReadStart(reply);
            return new VerificationStart.Started(sid ?? throw ExotelResponse.Unreadable(response, "verification sid"), status);
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return new VerificationStart.Refused(code, message);
    }

    public async Task<VerificationCheck> CheckAsync(string verificationSid, string otp, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(verificationSid);
        ArgumentException.ThrowIfNullOrEmpty(otp);
        using var response = await api.CheckAsync(exotel.Value.AccountSid, verificationSid, new VerificationCheckBody { Otp = otp }, ct);
        var reply = await ExotelResponse.ReadBodyAsync(response, ct);
        if (response.IsSuccessStatusCode)
        {
            return new VerificationCheck.Checked(VerificationReply.ReadCheck(reply) ?? throw ExotelResponse.Unreadable(response, "known verification status"));
        }

        var (code, message) = ExotelRefusal.Read(response.StatusCode, reply);
        return response.StatusCode == HttpStatusCode.BadRequest && code == VerificationReply.WrongCode
            ? new VerificationCheck.NotApproved(message)
            : new VerificationCheck.Refused(code, message);
    }
}
