using Microsoft.Extensions.Logging.Abstractions;
using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Lifecycle.Application.Verify;
using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Tests.Verify;

/// <summary>The voice fallback: our own code, stored hashed, read out once by the flow's Greeting, failed when unanswered.</summary>
public class VoiceOtpTests
{
    private readonly VerifyWorld world = new();

    [Fact]
    public async Task The_voice_code_is_stored_hashed_and_the_call_reads_it_through_a_single_use_token()
    {
        var verification = OnVoiceRung();

        await Place(verification);

        var call = Assert.Single(world.Voice.Calls);
        Assert.Equal(VerifyWorld.Phone.Value, call.Phone);
        Assert.StartsWith($"voice-otp:{verification.Id}.", call.Token);
        Assert.InRange(call.Token.Length, 60, 128);
        var code = VoiceOtp.CodeOf(call.Token);
        Assert.Equal(VoiceOtp.HashToken(call.Token), verification.VoiceTokenHash);
        Assert.NotEqual(code, verification.VoiceCodeHash);
        Assert.Equal(VoiceOtp.HashCode(verification.VoiceCodeSalt!, code), verification.VoiceCodeHash);
        Assert.True(verification.MatchesVoiceCode(code, world.Clock.GetUtcNow()));
        Assert.Equal("CA0001", verification.VoiceCallSid);
    }

    [Fact]
    public async Task The_token_is_committed_before_the_call_and_the_call_sid_under_the_outbox_key()
    {
        var verification = OnVoiceRung();
        var idempotency = new IdempotencyScope { EventKey = "outbox:42" };
        var tokenStoredBeforeTheCall = false;
        var unitOfWork = world.UnitOfWork;
        var handler = new PlaceVoiceOtpCallHandler(
            world.Verifications,
            new CheckingGateway(world.Voice, () => tokenStoredBeforeTheCall = unitOfWork.Commits == 1 && verification.VoiceTokenHash is not null),
            unitOfWork,
            idempotency,
            world.VerifyOptions,
            world.Clock,
            NullLogger<PlaceVoiceOtpCallHandler>.Instance);

        await handler.Handle(new PlaceVoiceOtpCall(verification.Id, verification.Sends), CancellationToken.None);

        Assert.True(tokenStoredBeforeTheCall);
        Assert.Equal([null, "outbox:42"], unitOfWork.EventKeys);
    }

    [Fact]
    public async Task A_refused_voice_call_fails_the_verification()
    {
        var verification = OnVoiceRung();
        world.Voice.Answer = new VoiceOtpCallResult.Refused("INVALID_NUMBER", "From is not a number");

        await Place(verification);

        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Contains("INVALID_NUMBER", verification.FailureReason);
    }

    [Fact]
    public async Task A_voice_send_overtaken_or_already_placed_places_no_call()
    {
        var verification = OnVoiceRung();
        await Place(verification);

        await Place(verification);
        await Place(verification, send: verification.Sends - 1);

        Assert.Single(world.Voice.Calls);
    }

    [Fact]
    public async Task The_exoml_reads_the_code_once_and_then_answers_not_found()
    {
        var verification = OnVoiceRung();
        await Place(verification);
        var token = world.Voice.Calls[0].Token;

        var script = await Read(token);

        Assert.Equal(VoiceOtp.Script(VoiceOtp.CodeOf(token)), script.Say);
        Assert.StartsWith("Your code is ", script.Say);
        await Assert.ThrowsAsync<NotFoundException>(() => Read(token));
        Assert.True(verification.MatchesVoiceCode(VoiceOtp.CodeOf(token), world.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task An_expired_or_unknown_token_answers_not_found()
    {
        var verification = OnVoiceRung();
        await Place(verification);
        var token = world.Voice.Calls[0].Token;
        world.Clock.Advance(world.Options.CodeLifetime);

        await Assert.ThrowsAsync<NotFoundException>(() => Read(token));
        await Assert.ThrowsAsync<NotFoundException>(() => Read(VoiceOtp.NewToken()));
    }

    [Fact]
    public async Task An_unanswered_voice_call_fails_the_verification()
    {
        var verification = OnVoiceRung();
        await Place(verification);

        await Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0001", CallProgress.NotAnswered, "CA0001|no-answer|terminal"));

        Assert.Equal(VerificationStatus.Failed, verification.Status);
        Assert.Equal(new VerificationCheckResult("failed", 0), await world.CheckAsync(verification.Id, "123456"));
    }

    [Fact]
    public async Task An_answered_voice_call_leaves_the_verification_to_its_check()
    {
        var verification = OnVoiceRung();
        await Place(verification);

        await Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0001", CallProgress.Answered, "CA0001|completed|terminal"));

        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Fact]
    public async Task A_callback_that_races_the_record_of_the_call_sid_is_kept_for_a_retry()
    {
        var verification = OnVoiceRung();
        verification.IssueVoiceCode("123456", VoiceOtp.HashToken(VoiceOtp.NewToken()), world.Clock.GetUtcNow(), world.Options.CodeLifetime);

        await Assert.ThrowsAsync<ProviderRecordPendingException>(() =>
            Apply(new ApplyVoiceOtpCallStatus(verification.Id, "CA0009", CallProgress.NotAnswered, "CA0009|no-answer|terminal")));
        Assert.Equal(VerificationStatus.Pending, verification.Status);
    }

    [Theory]
    [InlineData("voice-otp:{0}.c2VjcmV0", true)]
    [InlineData("voice-otp:{0}", true)]
    [InlineData("voice-otp:not-a-guid.c2VjcmV0", false)]
    [InlineData("call:{0}", false)]
    [InlineData("", false)]
    public void A_call_is_routed_to_its_verification_by_the_id_in_front_of_the_token(string customField, bool ours)
    {
        var id = Guid.NewGuid();

        Assert.Equal(ours ? id : null, VoiceOtpToken.VerificationIdOf(string.Format(System.Globalization.CultureInfo.InvariantCulture, customField, id)));
    }

    [Fact]
    public async Task The_headers_read_does_not_use_the_token_up_and_answers_the_same_sentence()
    {
        var verification = OnVoiceRung();
        await Place(verification);
        var token = world.Voice.Calls[0].Token;

        var peeked = await Peek(token);
        var peekedAgain = await Peek(token);
        var read = await Read(token);

        Assert.Equal(read, peeked);
        Assert.Equal(read, peekedAgain);
        await Assert.ThrowsAsync<NotFoundException>(() => Peek(token));
        await Assert.ThrowsAsync<NotFoundException>(() => Peek(null));
        await Assert.ThrowsAsync<NotFoundException>(() => Read(null));
    }

    /// <summary>A pending verification on its voice rung (send 2), its SMS code long expired.</summary>
    private Verification OnVoiceRung()
    {
        var (_, verification) = world.SignupInProgress();
        world.Clock.Advance(TimeSpan.FromSeconds(30));
        verification.RecordVoiceSend(world.Clock.GetUtcNow(), world.Options.CodeLifetime);
        world.Clock.Advance(TimeSpan.FromSeconds(1));
        return verification;
    }

    private Task Place(Verification verification, int? send = null) =>
        new PlaceVoiceOtpCallHandler(world.Verifications, world.Voice, world.UnitOfWork, new IdempotencyScope(), world.VerifyOptions, world.Clock, NullLogger<PlaceVoiceOtpCallHandler>.Instance)
            .Handle(new PlaceVoiceOtpCall(verification.Id, send ?? verification.Sends), CancellationToken.None).AsTask();

    private Task<VoiceOtpScript> Read(string? token) =>
        new ReadVoiceOtpHandler(world.Verifications, world.Clock).Handle(new ReadVoiceOtp(token), CancellationToken.None).AsTask();

    private Task<VoiceOtpScript> Peek(string? token) =>
        new PeekVoiceOtpHandler(world.Verifications, world.Clock).Handle(new PeekVoiceOtp(token), CancellationToken.None).AsTask();

    private Task Apply(ApplyVoiceOtpCallStatus command) =>
        new ApplyVoiceOtpCallStatusHandler(world.Verifications, world.CurrentEvent, world.Clock).Handle(command, CancellationToken.None).AsTask();

    /// <summary>Looks at our own state at the moment the call is placed.</summary>
    private sealed class CheckingGateway(IVoiceOtpGateway inner, Action onCall) : IVoiceOtpGateway
    {
        public Task<VoiceOtpCallResult> PlaceCallAsync(VoiceOtpCall call, CancellationToken ct)
        {
            onCall();
            return inner.PlaceCallAsync(call, ct);
        }
    }
}
