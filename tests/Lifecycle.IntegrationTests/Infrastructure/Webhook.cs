using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Lifecycle.IntegrationTests.Infrastructure;

/// <summary>Posts webhook bodies the way Exotel does: raw bytes, signed with HMAC-SHA256 of the body.</summary>
public static class Webhook
{
    public static string Sign(string secret, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    public static string Form(params (string Name, string Value)[] fields) =>
        string.Join('&', fields.Select(field => $"{Uri.EscapeDataString(field.Name)}={Uri.EscapeDataString(field.Value)}"));

    /// <summary>An SMS the user sent to our number, with an SmsSid of its own.</summary>
    public static string InboundSms(string from, string body) =>
        Form(("SmsSid", $"SM{Guid.NewGuid():N}"), ("From", from), ("To", "LFCYCL"), ("Body", body));

    public static Task<HttpResponseMessage> PostAsync(
        LifecycleApp app, string path, string body, string contentType = "application/x-www-form-urlencoded", string? signature = null)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation("X-Exotel-Signature", signature ?? Sign(LifecycleApp.ExotelSecret, body));
        return app.CreateClient().SendAsync(request);
    }

    /// <summary>Posts the way Exotel really does: no signature header, to the URL we handed it (its token in the path).</summary>
    public static Task<HttpResponseMessage> PostUnsignedAsync(LifecycleApp app, string url, string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return app.CreateClient().PostAsync(new Uri(url).PathAndQuery, content);
    }
}
