using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Lifecycle.Infrastructure.Exotel;

/// <summary>HTTP Basic <c>api_key:api_token</c>, as the v1 and v2 APIs expect.</summary>
internal sealed class ExotelBasicAuth(IOptionsMonitor<ExotelOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var credentials = $"{options.CurrentValue.ApiKey}:{options.CurrentValue.ApiToken}";
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        return base.SendAsync(request, cancellationToken);
    }
}
