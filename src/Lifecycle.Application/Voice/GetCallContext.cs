using System.Text.Json;
using Lifecycle.Application.Common.Errors;
using Lifecycle.Application.Common.Persistence;
using Lifecycle.Application.Lifecycle.Calls;
using Lifecycle.Domain.Lifecycle;
using Mediator;

namespace Lifecycle.Application.Voice;

/// <summary><c>GET /api/calls/{callSid}</c>: what the voicebot's tool reads about the call it is on (one index seek).</summary>
public sealed record GetCallContext(string CallSid) : IQuery<CallContextView>;

/// <summary>The call as the voicebot's tool sees it; <see cref="Context"/> is the JSON the call was asked with.</summary>
public sealed record CallContextView(string CallSid, Guid UserId, string Purpose, string CustomField, string? ChatSessionId, JsonElement? Context);

internal sealed class GetCallContextHandler(ICallRepository calls) : IQueryHandler<GetCallContext, CallContextView>
{
    public async ValueTask<CallContextView> Handle(GetCallContext query, CancellationToken ct)
    {
        var call = await calls.FindByCallSidAsync(query.CallSid, ct) ?? throw new NotFoundException("Call", query.CallSid);
        return new CallContextView(
            call.CallSid!, call.UserId.Value, call.Purpose.Name(), call.CustomField, call.ChatSessionId, StoredJson.Parse(call.Context));
    }
}
