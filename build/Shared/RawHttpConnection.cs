using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// One kept-alive HTTP/1.1 connection that writes a prepared request and reads the answer with no allocation per
/// request. HttpClient costs tens of microseconds of CPU per request, and the load generator shares the two cores
/// with what it measures: every microsecond it spends is taken from the target.
/// </summary>
internal sealed class RawHttpConnection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] ContentLength = "\r\ncontent-length:"u8.ToArray();
    private static readonly byte[] Chunked = "\r\ntransfer-encoding: chunked"u8.ToArray();
    private static readonly byte[] LastChunk = "\r\n0\r\n\r\n"u8.ToArray();

    private readonly Socket socket;
    private readonly byte[] answer = new byte[16 * 1024];

    private RawHttpConnection(Socket socket) => this.socket = socket;

    public static async Task<RawHttpConnection> OpenAsync(Uri target)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(target.Host), target.Port));
        return new RawHttpConnection(socket);
    }

    /// <summary>Sends <paramref name="request"/> and answers the status code of its response, read to its end.</summary>
    public async ValueTask<int> SendAsync(ReadOnlyMemory<byte> request)
    {
        await socket.SendAsync(request, SocketFlags.None);
        var length = 0;
        int headerLength;
        while ((headerLength = answer.AsSpan(0, length).IndexOf(HeaderEnd)) < 0)
        {
            length += await ReceiveAsync(length);
        }

        headerLength += HeaderEnd.Length;
        var status = int.Parse(Encoding.ASCII.GetString(answer, 9, 3));
        if (BodyLength(answer.AsSpan(0, headerLength)) is { } bodyLength)
        {
            while (length < headerLength + bodyLength)
            {
                length += await ReceiveAsync(length);
            }
        }
        else
        {
            while (!answer.AsSpan(0, length).EndsWith(LastChunk) && !answer.AsSpan(headerLength, length - headerLength).StartsWith(LastChunk.AsSpan(2)))
            {
                length += await ReceiveAsync(length);
            }
        }

        return status;
    }

    private async ValueTask<int> ReceiveAsync(int offset)
    {
        var read = await socket.ReceiveAsync(answer.AsMemory(offset), SocketFlags.None);
        return read > 0 ? read : throw new IOException("the server closed the connection");
    }

    /// <summary>The Content-Length of the response, or null when it is chunked.</summary>
    private static int? BodyLength(ReadOnlySpan<byte> header)
    {
        Span<byte> lower = stackalloc byte[header.Length];
        for (var i = 0; i < header.Length; i++)
        {
            lower[i] = (byte)char.ToLowerInvariant((char)header[i]);
        }

        var at = lower.IndexOf(ContentLength);
        if (at < 0)
        {
            return lower.IndexOf(Chunked) >= 0 ? null : 0;
        }

        var value = lower[(at + ContentLength.Length)..].TrimStart((byte)' ');
        Utf8Parser.TryParse(value, out int bodyLength, out _);
        return bodyLength;
    }

    public void Dispose() => socket.Dispose();
}
