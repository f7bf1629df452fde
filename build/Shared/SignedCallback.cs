using System.Text;

/// <summary>
/// <see cref="SmsStatusCallback"/> as a whole HTTP/1.1 request for <see cref="RawHttpConnection"/>, rebuilt in one
/// buffer for each new SmsSid.
/// </summary>
internal sealed class SignedCallback(Uri target)
{
    private readonly byte[] buffer = new byte[1024];

    public ReadOnlyMemory<byte> For(string sid, string to = SmsStatusCallback.DefaultTo)
    {
        var body = SmsStatusCallback.Body(sid, to);
        var head = $"POST {SmsStatusCallback.Route} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Type: application/json\r\n"
            + $"Content-Length: {body.Length}\r\n{SmsStatusCallback.SignatureHeader}: {SmsStatusCallback.Signature(body)}\r\n\r\n";
        var length = Encoding.ASCII.GetBytes(head, buffer);
        body.CopyTo(buffer, length);
        return buffer.AsMemory(0, length + body.Length);
    }
}
