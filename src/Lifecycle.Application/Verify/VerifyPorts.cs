using Lifecycle.Domain.Verify;

namespace Lifecycle.Application.Verify;

public interface IVerificationRepository
{
    Task<Verification?> FindAsync(Guid id, CancellationToken ct);

    void Add(Verification verification);
}

/// <summary>Exotel Verify. Transient failures throw; a refusal is returned.</summary>
public interface IVerifyGateway
{
    Task<VerifyStartResult> StartAsync(string phone, CancellationToken ct);
}

public abstract record VerifyStartResult
{
    private VerifyStartResult()
    {
    }

    public sealed record Started(string VerificationSid) : VerifyStartResult;

    public sealed record Refused(string Code, string Reason) : VerifyStartResult;
}
