namespace Exotel.Sandbox.Http;

/// <summary>
/// Reads the body of every API request once, keeps it for the handler (<see cref="ApiRequest"/>) and records the
/// request in <see cref="SandboxState"/> before it is answered (the control API under /sandbox is not recorded).
/// </summary>
internal sealed class RequestRecorder(RequestDelegate next, SandboxState state, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (ApiRequest.ProductOfOrNull(http.Request.Path) is not { } product)
        {
            await next(http);
            return;
        }

        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync(http.RequestAborted);
        var form = IsUrlEncoded(http.Request.ContentType)
            ? Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(body).ToDictionary(pair => pair.Key, pair => pair.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        http.Items[typeof(ApiRequest)] = new ApiRequest(product, body, form);

        var recorded = new RecordedApiRequest(
            state.NextSequence(), time.GetUtcNow(), product, http.Request.Method, http.Request.Path.Value ?? "/",
            http.Request.QueryString.HasValue ? http.Request.QueryString.Value : null, http.Request.ContentType,
            NullIfEmpty(http.Request.Headers.Authorization.ToString()), NullIfEmpty(http.Request.Headers["X-API-Key"].ToString()),
            form, body);
        state.Record(recorded);
        try
        {
            await next(http);
        }
        finally
        {
            recorded.ResponseStatus = http.Response.StatusCode;
        }
    }

    private static bool IsUrlEncoded(string? contentType) =>
        contentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
