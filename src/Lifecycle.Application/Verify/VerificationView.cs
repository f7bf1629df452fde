using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Verify;

/// <summary>
/// A verification as the API shows it (api.md <c>GET /api/verifications/{id}</c>): a pending verification whose code
/// has expired shows as <c>failed</c>.
/// </summary>
public sealed record VerificationView(
    Guid VerificationId,
    string Status,
    string Channel,
    string Purpose,
    int Attempts,
    int AttemptsLeft,
    DateTimeOffset ExpiresAt)
{
    public static VerificationView From(Verification verification, DateTimeOffset now, VerificationLimits limits) => new(
        verification.Id,
        VerificationNames.Statuses.Name(verification.StatusAt(now)),
        VerificationNames.Channels.Name(verification.Channel),
        VerificationNames.Purposes.Name(verification.Purpose),
        verification.Attempts,
        verification.AttemptsLeft(now, limits),
        verification.ExpiresAt);
}

/// <summary>The answer to a check (api.md): <c>attemptsLeft</c> counts the wrong codes still allowed.</summary>
public sealed record VerificationCheckResult(string Status, int AttemptsLeft);
