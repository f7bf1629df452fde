using Lifecycle.Domain.Lifecycle;

namespace Lifecycle.Domain.Sms;

/// <summary>
/// Maps both SMS status vocabularies to <see cref="MessageStatus"/>: Exotel's
/// (<c>queued, sending, submitted, sent, failed_dnd, failed</c>, where <c>sent</c> means delivered to the handset)
/// and the guide's (<c>delivered, undelivered, failed</c>).
/// </summary>
public static class SmsStatusVocabulary
{
    private static readonly Dictionary<string, MessageStatus> Statuses = new(StringComparer.OrdinalIgnoreCase)
    {
        ["queued"] = MessageStatus.Queued,
        ["sending"] = MessageStatus.Sending,
        ["submitted"] = MessageStatus.Submitted,
        ["sent"] = MessageStatus.Delivered,
        ["delivered"] = MessageStatus.Delivered,
        ["undelivered"] = MessageStatus.Undelivered,
        ["failed"] = MessageStatus.Failed,
        ["failed_dnd"] = MessageStatus.Failed,
    };

    public static IReadOnlyCollection<string> Known => Statuses.Keys;

    public static bool TryMap(string? status, out MessageStatus mapped) =>
        Statuses.TryGetValue(status ?? string.Empty, out mapped);
}
