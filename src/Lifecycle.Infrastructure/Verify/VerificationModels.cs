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

internal enum ExotelVerificationStatus
{
    Approved,
    Pending,
    Failed,
}

/// <summary>What Exotel said of a code the user entered.</summary>
internal abstract record VerificationCheck
{
    private VerificationCheck()
    {
    }

    /// <summary>The verification's status after the check.</summary>
    public sealed record Checked(ExotelVerificationStatus Status) : VerificationCheck;

    /// <summary>A wrong code (400 with error 1211): the verification is not approved; the call itself did not fail.</summary>
    public sealed record NotApproved(string Message) : VerificationCheck;

    public sealed record Refused(string Code, string Message) : VerificationCheck;
}
