using Lifecycle.Application.Common.Messaging;
using Mediator;

namespace Lifecycle.Application.Sms;

/// <summary>
/// Outbox message: hand a queued SMS to the provider and record the SmsSid it answers with. Due messages with the
/// same type and DLT template go out together in bulk requests of up to 100 (<see cref="SendSmsBatch"/>). Commits
/// before and after the request (<see cref="Lifecycle.Messaging.GuardedSend"/>).
/// </summary>
public sealed record SendSms(Guid MessageId, string DltTemplateId, SmsType Type)
    : IBatchableOutboxMessage, IRateLimitedMessage, ICorrelated, ICommitsOutsideUnitOfWork
{
    public const int MaxPerRequest = 100;

    public string CorrelationId => MessageId.ToString();

    public string BatchKey => $"{Type}|{DltTemplateId}";

    public int MaxBatchSize => MaxPerRequest;

    public string RateLane => SmsRateLane.Name;

    public IBaseCommand Batch(IReadOnlyList<IBatchableOutboxMessage> messages) => new SendSmsBatch([.. messages.Cast<SendSms>()]);
}

/// <summary>Several <see cref="SendSms"/> that go out in one bulk request.</summary>
public sealed record SendSmsBatch(IReadOnlyList<SendSms> Messages) : ICommand, IRateLimitedMessage, ICommitsOutsideUnitOfWork
{
    public string RateLane => SmsRateLane.Name;
}

public static class SmsRateLane
{
    public const string Name = "sms";
}

internal sealed class SendSmsHandler(SmsSending sending) : ICommandHandler<SendSms>
{
    public async ValueTask<Unit> Handle(SendSms command, CancellationToken ct)
    {
        await sending.SendAsync([command], ct);
        return Unit.Value;
    }
}

internal sealed class SendSmsBatchHandler(SmsSending sending) : ICommandHandler<SendSmsBatch>
{
    public async ValueTask<Unit> Handle(SendSmsBatch command, CancellationToken ct)
    {
        await sending.SendAsync(command.Messages, ct);
        return Unit.Value;
    }
}
