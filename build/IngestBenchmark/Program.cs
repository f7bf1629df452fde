using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

// Webhook ingest: signed SMS status callbacks, as Exotel sends them, fired at a running service. Measures what the
// sender sees — accepted answers per second and latency percentiles — for the path "verify signature, store in the
// inbox, answer 200".
var options = Options.Parse(args);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency })
{
    BaseAddress = new Uri(options.Url),
};

await SendAsync(Math.Min(500, options.Requests), "warmup");
var latencies = new double[options.Requests];
var failures = 0;
var next = -1;
var run = Guid.NewGuid().ToString("N")[..8];
var clock = Stopwatch.StartNew();
await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
{
    int i;
    while ((i = Interlocked.Increment(ref next)) < options.Requests)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(Request($"SM{run}{i:D8}"));
        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref failures);
        }
    }
}));
var elapsed = clock.Elapsed;

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p / 100 * latencies.Length) - 1)];
Console.WriteLine($"| {options.Label} | {options.Requests} | {options.Concurrency} | {options.Requests / elapsed.TotalSeconds:F0} | {Percentile(50):F1} | {Percentile(95):F1} | {Percentile(99):F1} | {latencies[^1]:F1} | {failures} |");
return failures == 0 ? 0 : 1;

async Task SendAsync(int count, string prefix)
{
    for (var i = 0; i < count; i++)
    {
        using var response = await http.SendAsync(Request($"SM{prefix}{Guid.NewGuid():N}"));
        response.EnsureSuccessStatusCode();
    }
}

HttpRequestMessage Request(string sid)
{
    var body = $"SmsSid={sid}&To=%2B919876543210&Status=sent&DetailedStatus=DELIVERED_TO_HANDSET&DetailedStatusCode=20005";
    var bytes = Encoding.UTF8.GetBytes(body);
    var content = new ByteArrayContent(bytes);
    content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
    var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/exotel/sms") { Content = content };
    request.Headers.Add("X-Exotel-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Secret), bytes)));
    return request;
}

internal sealed record Options(string Url, string Secret, int Requests, int Concurrency, string Label)
{
    public static Options Parse(string[] args)
    {
        string Value(string name, string fallback) =>
            args.SkipWhile(arg => arg != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;

        return new Options(
            Value("url", "http://localhost:5080"),
            Value("secret", "dev-exotel-webhook-secret"),
            int.Parse(Value("requests", "20000")),
            int.Parse(Value("concurrency", "32")),
            Value("label", "run"));
    }
}
