namespace Lifecycle.Application.Common.Errors;

/// <summary>The resource the request names does not exist (404).</summary>
public sealed class NotFoundException(string resource, object id) : Exception($"{resource} '{id}' was not found.")
{
    public string Resource { get; } = resource;
}

/// <summary>Someone else changed the same record between our read and our write (409; retrying may succeed).</summary>
public sealed class ConcurrencyConflictException(Exception inner)
    : Exception("The record was changed by another request; retry with fresh data.", inner);

/// <summary>A webhook that neither a valid signature nor a valid callback token proves ours (401; nothing stored).</summary>
public sealed class WebhookSignatureRejectedException(string source)
    : Exception($"The {source} webhook carries neither a valid signature nor a valid callback token.");

/// <summary>A signed webhook body that cannot be read as its content type says (400; nothing stored).</summary>
public sealed class UnreadableWebhookException(string reason) : Exception(reason);

/// <summary>
/// A callback about something we have not recorded yet (it raced our own commit). The inbox keeps the event and
/// retries it, so it is applied once the record exists.
/// </summary>
public sealed class ProviderRecordPendingException(string provider, string providerId)
    : Exception($"No record yet for {provider} id '{providerId}'; the event is kept and retried.");

/// <summary>The request came too soon; it may be repeated after <see cref="RetryAfter"/> (429 with <c>Retry-After</c>).</summary>
public sealed class TooSoonException(TimeSpan retryAfter, string message) : Exception(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;

    /// <summary>Whole seconds, rounded up, as <c>Retry-After</c> gives them.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(RetryAfter.TotalSeconds);
}

/// <summary>A provider the request needs at once could not answer (503; nothing was changed, the request may be repeated).</summary>
public sealed class ProviderUnavailableException(string provider, Exception inner)
    : Exception($"{provider} is not answering right now; try again shortly.", inner);

/// <summary>
/// The provider may have acted on a request whose answer we did not get or cannot read: an attempt that timed out
/// after the request was written, a connection lost mid-answer, a 2xx we cannot read. Sending it again could do it
/// twice, so the outcome is recorded and settled, never retried (ADR 0006).
/// </summary>
public sealed class ProviderOutcomeUnknownException(string detail, Exception? inner = null)
    : Exception($"outcome unknown: {detail}", inner)
{
    /// <summary>This exception in <paramref name="exception"/> or its inner chain (HTTP client libraries wrap what handlers throw).</summary>
    public static ProviderOutcomeUnknownException? FindIn(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is ProviderOutcomeUnknownException unknown)
            {
                return unknown;
            }
        }

        return null;
    }
}
