using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Common.Webhooks;
using Mediator;

namespace Lifecycle.Application.Tests.Support;

internal sealed record OutboxCommand(string Value) : IOutboxMessage;

internal sealed record PlainCommand(string Text) : ICommand<string>;

internal sealed record PlainQuery(string Text) : IQuery<string>;

internal sealed record CorrelatedCommand(string CorrelationId) : ICommand<string>, ICorrelated;

internal sealed record KeyedCommand(string EventKey) : ICommand<Outcome>, IIdempotentCommand;

internal sealed record KeyedUnitCommand(string EventKey) : ICommand, IIdempotentCommand;

internal sealed record Outcome(string Stage, int Attempts);

internal sealed record SignedCommand(WebhookSource Source, ReadOnlyMemory<byte> Body, string? Signature, string? Token = null)
    : ICommand<string>, IAuthenticatedWebhook;

internal sealed record OutsideUnitOfWorkCommand(string Text) : ICommand<string>, ICommitsOutsideUnitOfWork;

internal sealed record ValidatedCommand(string? Name, int Count) : ICommand<string>;
