namespace Exotel.Sandbox.Http;

internal static class HttpContextExtensions
{
    /// <summary>The sandbox's own base URL as the client reached it (for recording URLs).</summary>
    public static string SandboxBaseUrl(this HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";
}
