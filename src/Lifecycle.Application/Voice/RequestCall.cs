using FluentValidation;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Messaging;
using Lifecycle.Application.Lifecycle;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Application.Lifecycle.Messaging;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Voice;

/// <summary>
/// <c>POST /api/users/{id}/calls</c>: a voicebot flow (<c>activation</c>, <c>win_back</c>, <c>support</c>) or an
/// agent's click-to-call (<c>agent</c> with <c>agentId</c>). <see cref="Context"/> is JSON text kept on the call for the
/// voicebot's tool; <see cref="ChatSessionId"/> links the call to the chat it continues.
/// </summary>
public sealed record RequestCall(Guid UserId, string? Purpose, string? AgentId, string? TicketId, string? Context, string? ChatSessionId)
    : ICommand<CallRequested>, ICorrelated
{
    public string CorrelationId => UserId.ToString();
}

public sealed record CallRequested(Guid CallId);

internal sealed class RequestCallValidator : AbstractValidator<RequestCall>
{
    public RequestCallValidator()
    {
        RuleFor(command => command.Purpose)
            .Must(purpose => CallPurposeNames.Wire.TryParse(purpose, out _))
            .WithMessage($"purpose must be one of {string.Join(", ", CallPurposeNames.Wire.All)}.");
        RuleFor(command => command.AgentId)
            .NotEmpty()
            .When(command => CallPurposeNames.Wire.TryParse(command.Purpose, out var purpose) && purpose == CallPurpose.Agent)
            .WithMessage("agentId is required for an agent call.");
        RuleFor(command => command.AgentId).MaximumLength(64);
        RuleFor(command => command.TicketId).MaximumLength(64);
        RuleFor(command => command.ChatSessionId).MaximumLength(128);
    }
}

internal sealed class RequestCallHandler(IUserRepository users, IConversationRepository conversations, CallRequests requests)
    : ICommandHandler<RequestCall, CallRequested>
{
    public async ValueTask<CallRequested> Handle(RequestCall command, CancellationToken ct)
    {
        var user = await users.FindAsync(new UserId(command.UserId), ct) ?? throw new NotFoundException("User", command.UserId);
        if (user.Stage == LifecycleStage.Offboarded)
        {
            throw new UserOffboarded();
        }

        var purpose = CallPurposeNames.Wire.Parse(command.Purpose!);
        var parent = command.ChatSessionId is { } session ? (await conversations.FindBySessionAsync(session, ct))?.Id : null;
        var call = requests.Request(
            user.Id, purpose, attempt: 1, command.Context, command.ChatSessionId,
            purpose == CallPurpose.Agent ? command.AgentId : null, command.TicketId, parent);
        return new CallRequested(call.Id);
    }
}
