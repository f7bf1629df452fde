namespace Lifecycle.Infrastructure.Verify;

/// <summary>What became of a request to send a code.</summary>
internal abstract record VerificationStart
{
    private VerificationStart()
    {
    }

    /// <summary>The code is on its way; <paramref name="Sid"/> names the verification for its checks.</summary>
    public sealed record Started(string Sid, string? Status) : VerificationStart;

    public sealed record Refused(string Code, string Message) : VerificationStart;
}

/// <summary>
/// What ExoVerify said of a code the user entered, in our words: every readable answer is one of these, so that only
/// a provider that does not answer is a failure of the call (docs/exotel-wire.md "Verify").
/// </summary>
internal abstract record VerificationCheck
{
    private VerificationCheck()
    {
    }

    /// <summary>The right code: <c>success</c> (Exotel) or <c>approved</c> (the guide).</summary>
    public sealed record Approved : VerificationCheck;

    /// <summary>Not the code sent: 400 with error 1211, or 200 with <c>failure</c>/<c>failed</c>/<c>pending</c>. One attempt is used.</summary>
    public sealed record WrongCode(string Message) : VerificationCheck;

    /// <summary>Error 1210: the code's window has passed.</summary>
    public sealed record Expired(string Message) : VerificationCheck;

    /// <summary>Error 1016: Exotel's own limit of attempts is used up.</summary>
    public sealed record TooManyAttempts(string Message) : VerificationCheck;

    /// <summary>Any other refusal (an unknown verification, one already verified, bad credentials…).</summary>
    public sealed record Refused(string Code, string Message) : VerificationCheck;
}
