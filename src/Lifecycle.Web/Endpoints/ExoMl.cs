using System.Text;
using Lifecycle.Application.Verify;
using Lifecycle.Web.Common;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace Lifecycle.Web.Endpoints;

/// <summary>
/// <c>/exoml</c>: what Exotel's flows read from us during a call we placed (api.md "Served to Exotel: the voice OTP
/// text"). No API key: the single-use token Exotel hands back as <c>CustomField</c> is the credential. Exotel adds the
/// call's details (<c>CallSid, From, To, DialWhomNumber…</c>) as query parameters; only <c>CustomField</c> is read.
/// </summary>
internal sealed class ExoMl : IEndpointGroup
{
    /// <summary>Where the voice OTP flow's Greeting applet reads its text (<c>{Webhooks:PublicBaseUrl}</c> in front).</summary>
    public const string VoiceOtpTextRoute = "/exoml/voice-otp";

    /// <summary>Exotel's Greeting applet takes <c>text/plain</c> "and nothing else": no charset parameter.</summary>
    private const string PlainText = "text/plain";

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(VoiceOtpTextRoute, async ([FromQuery(Name = "CustomField")] string? token, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                var script = await mediator.Send(new ReadVoiceOtp(token), ct);
                response.Headers.CacheControl = "no-store";
                return TypedResults.Text(script.Say, PlainText);
            })
            .WithTags("ExoML")
            .AllowAnonymous()
            .WithName("VoiceOtpText")
            .WithSummary("The voice OTP sentence for the flow's Greeting applet, once per token; a used, expired or unknown token answers 404.");

        app.MapMethods(VoiceOtpTextRoute, [HttpMethods.Head], async ([FromQuery(Name = "CustomField")] string? token, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                // Exotel checks the headers with HEAD before its GET: the same headers, no body, the token left unused.
                var script = await mediator.Send(new PeekVoiceOtp(token), ct);
                response.Headers.CacheControl = "no-store";
                response.ContentType = PlainText;
                response.ContentLength = Encoding.UTF8.GetByteCount(script.Say);
                return TypedResults.Ok();
            })
            .WithTags("ExoML")
            .AllowAnonymous()
            .WithName("VoiceOtpTextHeaders")
            .WithSummary("The headers of the voice OTP text without its body; does not use the token up.");
    }
}
