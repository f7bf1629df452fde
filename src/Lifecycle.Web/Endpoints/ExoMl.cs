using System.Xml.Linq;
using Lifecycle.Application.Verify;
using Lifecycle.Web.Common;
using Mediator;

namespace Lifecycle.Web.Endpoints;

/// <summary>
/// <c>/exoml</c>: ExoML that Exotel fetches during a call we placed (api.md "ExoML served to Exotel"). No API key:
/// the single-use token in the path is the credential. Exotel appends the call's fields as query parameters.
/// </summary>
internal sealed class ExoMl : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/exoml/voice-otp/{token}", async (string token, IMediator mediator, HttpResponse response, CancellationToken ct) =>
            {
                response.Headers.CacheControl = "no-store";
                var script = await mediator.Send(new ReadVoiceOtp(token), ct);
                var exoMl = new XDocument(new XElement("Response", new XElement("Say", script.Say)));
                return TypedResults.Text(exoMl.ToString(SaveOptions.DisableFormatting), "application/xml");
            })
            .WithTags("ExoML")
            .AllowAnonymous()
            .WithName("VoiceOtpExoMl")
            .WithSummary("Reads the voice OTP once: <Response><Say>…</Say></Response>; a used or expired token answers 404.");
}
