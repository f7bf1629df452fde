using Exotel.Sandbox.Scenarios;
using Exotel.Sandbox.State;

namespace Exotel.Sandbox;

/// <summary>
/// Everything the sandbox has seen and decided: recorded API requests, accepted SMS, calls and WhatsApp messages
/// with their current statuses, Verify OTPs, CQA interactions, campaign enrolments, callbacks sent, the WhatsApp
/// windows the end users opened and the scenario rules. Thread-safe; every list is a snapshot.
/// </summary>
public sealed class SandboxState
{
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly List<RecordedApiRequest> requests = [];
    private readonly Dictionary<string, SmsEntry> sms = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, CallEntry> calls = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WhatsAppEntry> whatsApp = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SandboxInboundWhatsApp> inbound = [];
    private readonly Dictionary<string, DateTimeOffset> lastInbound = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, VerificationEntry> verifications = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<SandboxOtp> otps = [];
    private readonly Dictionary<string, InteractionEntry> interactions = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<(string Campaign, string Phone), SandboxEnrollment> enrollments = [];
    private readonly List<SandboxContact> contacts = [];
    private readonly Dictionary<long, SandboxCallback> callbacks = [];
    private long sequence;

    internal SandboxState(TimeProvider time, ScenarioBook scenarios)
    {
        this.time = time;
        Scenarios = scenarios;
    }

    /// <summary>The scenario rules: add some to choose outcomes, clear them to return to the file's.</summary>
    public ScenarioBook Scenarios { get; }

    private DateTimeOffset Now => time.GetUtcNow();

    // ---- recorded requests ----

    /// <summary>The API requests received, oldest first; <paramref name="product"/> filters (sms, calls, whatsapp, verify, campaigns, cqa).</summary>
    public IReadOnlyList<RecordedApiRequest> Requests(string? product = null)
    {
        lock (gate)
        {
            return requests.Where(request => product is null || string.Equals(request.Product, product, StringComparison.OrdinalIgnoreCase)).ToList();
        }
    }

    internal long NextSequence() => Interlocked.Increment(ref sequence);

    internal void Record(RecordedApiRequest request)
    {
        lock (gate)
        {
            requests.Add(request);
        }
    }

    // ---- SMS ----

    /// <summary>The SMS accepted, oldest first, with their current status.</summary>
    public IReadOnlyList<SandboxSms> Sms
    {
        get
        {
            lock (gate)
            {
                return sms.Values.OrderBy(entry => entry.Request.DateCreated).Select(Snapshot).ToList();
            }
        }
    }

    public SandboxSms? FindSms(string sid)
    {
        lock (gate)
        {
            return sms.TryGetValue(sid, out var entry) ? Snapshot(entry) : null;
        }
    }

    internal void Add(SmsEntry entry)
    {
        lock (gate)
        {
            sms[entry.Request.Sid] = entry;
        }
    }

    private SandboxSms Snapshot(SmsEntry entry)
    {
        var request = entry.Request;
        var status = entry.Timeline.Current(Now).Value;
        return new SandboxSms(
            request.Sid, request.From, request.To, request.Body, request.DltEntityId, request.DltTemplateId, request.SmsType,
            request.StatusCallback, request.CustomField, request.DateCreated, status.Status, status.DetailedStatus,
            status.DetailedStatusCode, status.DateSent, request.SmsUnits, entry.CallbackLost);
    }

    // ---- calls ----

    /// <summary>The calls accepted, oldest first, with their current status.</summary>
    public IReadOnlyList<SandboxCall> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.Values.OrderBy(entry => entry.Request.DateCreated).Select(Snapshot).ToList();
            }
        }
    }

    public SandboxCall? FindCall(string sid)
    {
        lock (gate)
        {
            return calls.TryGetValue(sid, out var entry) ? Snapshot(entry) : null;
        }
    }

    internal void Add(CallEntry entry)
    {
        lock (gate)
        {
            calls[entry.Request.Sid] = entry;
        }
    }

    /// <summary>The end user decided the call's outcome now: pending automatic callbacks are cancelled.</summary>
    internal CallRequest? SettleCall(string sid, Func<CallRequest, CallStatus, CallStatus> settle)
    {
        CallEntry? entry;
        lock (gate)
        {
            if (!calls.TryGetValue(sid, out entry))
            {
                return null;
            }

            entry.Timeline.Settle(Now, settle(entry.Request, entry.Timeline.Points[0].Value));
            entry.CallbackLost = false;
        }

        entry.Pending.Cancel();
        return entry.Request;
    }

    internal void SetGreetingText(string callSid, string text)
    {
        lock (gate)
        {
            if (calls.TryGetValue(callSid, out var entry))
            {
                entry.GreetingText = text;
            }
        }
    }

    private SandboxCall Snapshot(CallEntry entry)
    {
        var request = entry.Request;
        var status = entry.Timeline.Current(Now).Value;
        return new SandboxCall(
            request.Sid, request.Api, request.Phone, request.From, request.To, request.CallerId, request.Url, request.IsVoicebot,
            request.CustomField, request.StatusCallback, request.Record, request.DateCreated, status.Status, status.StartTime,
            status.EndTime, status.Duration, status.RecordingUrl, status.BotSessionId, status.BotOutcome, entry.GreetingText, entry.CallbackLost);
    }

    // ---- WhatsApp ----

    /// <summary>The outbound WhatsApp messages accepted, oldest first, with their current status.</summary>
    public IReadOnlyList<SandboxWhatsAppMessage> WhatsAppMessages
    {
        get
        {
            lock (gate)
            {
                return whatsApp.Values.OrderBy(entry => entry.Request.DateCreated).Select(Snapshot).ToList();
            }
        }
    }

    public SandboxWhatsAppMessage? FindWhatsAppMessage(string sid)
    {
        lock (gate)
        {
            return whatsApp.TryGetValue(sid, out var entry) ? Snapshot(entry) : null;
        }
    }

    /// <summary>The WhatsApp messages end users sent, oldest first.</summary>
    public IReadOnlyList<SandboxInboundWhatsApp> InboundWhatsAppMessages
    {
        get
        {
            lock (gate)
            {
                return inbound.ToList();
            }
        }
    }

    internal void Add(WhatsAppEntry entry)
    {
        lock (gate)
        {
            whatsApp[entry.Request.Sid] = entry;
        }
    }

    /// <summary>The number our last outbound WhatsApp message to <paramref name="phone"/> came from.</summary>
    internal string? LastWhatsAppSenderTo(string phone)
    {
        lock (gate)
        {
            return whatsApp.Values
                .Where(entry => PhoneNumbers.Normalize(entry.Request.To) == PhoneNumbers.Normalize(phone))
                .OrderBy(entry => entry.Request.DateCreated)
                .LastOrDefault()?.Request.From;
        }
    }

    /// <summary>Files a message from the end user and opens their 24 h window.</summary>
    internal void AddInbound(SandboxInboundWhatsApp message)
    {
        lock (gate)
        {
            inbound.Add(message);
            lastInbound[PhoneNumbers.Normalize(message.From)] = message.At;
        }
    }

    /// <summary>As if <paramref name="phone"/> had just written to us on WhatsApp (no webhook is sent).</summary>
    public void OpenWhatsAppWindow(string phone)
    {
        lock (gate)
        {
            lastInbound[PhoneNumbers.Normalize(phone)] = Now;
        }
    }

    /// <summary>When <paramref name="phone"/> last wrote to us on WhatsApp, if ever.</summary>
    public DateTimeOffset? LastInboundWhatsApp(string phone)
    {
        lock (gate)
        {
            return lastInbound.TryGetValue(PhoneNumbers.Normalize(phone), out var at) ? at : null;
        }
    }

    private SandboxWhatsAppMessage Snapshot(WhatsAppEntry entry)
    {
        var request = entry.Request;
        var status = entry.Timeline.Current(Now).Value;
        return new SandboxWhatsAppMessage(
            request.Sid, request.From, request.To, request.ContentType, request.TemplateName, request.Text, request.Content,
            request.CustomData, request.StatusCallback, request.DateCreated, status.Status, status.StatusCode, entry.CallbackLost);
    }

    // ---- Verify and OTPs ----

    /// <summary>The last one-time code <paramref name="phone"/> received (Verify SMS or voice call), or null.</summary>
    public string? LatestOtp(string phone) => LatestOtpDetails(phone)?.Otp;

    /// <summary>The last one-time code <paramref name="phone"/> received, with where it came from.</summary>
    public SandboxOtp? LatestOtpDetails(string phone)
    {
        lock (gate)
        {
            var normalized = PhoneNumbers.Normalize(phone);
            return otps.LastOrDefault(otp => otp.Phone == normalized);
        }
    }

    public IReadOnlyList<SandboxVerification> Verifications
    {
        get
        {
            lock (gate)
            {
                return verifications.Values.OrderBy(entry => entry.CreatedAt).Select(entry => entry.Snapshot()).ToList();
            }
        }
    }

    internal void Add(VerificationEntry entry)
    {
        lock (gate)
        {
            verifications[entry.Sid] = entry;
            if (entry.Delivered)
            {
                otps.Add(new SandboxOtp(entry.Phone, entry.Otp, "verify", entry.Sid, null, entry.CreatedAt));
            }
        }
    }

    internal void AddVoiceOtp(string phone, string otp, string callSid)
    {
        lock (gate)
        {
            otps.Add(new SandboxOtp(PhoneNumbers.Normalize(phone), otp, "voice", null, callSid, Now));
        }
    }

    /// <summary>Runs <paramref name="check"/> on the verification under the lock; null when it does not exist.</summary>
    internal T? WithVerification<T>(string sid, Func<VerificationEntry, T> check)
        where T : struct
    {
        lock (gate)
        {
            return verifications.TryGetValue(sid, out var entry) ? check(entry) : null;
        }
    }

    // ---- CQA ----

    public IReadOnlyList<SandboxInteraction> CqaInteractions
    {
        get
        {
            lock (gate)
            {
                return interactions.Values.OrderBy(entry => entry.Request.IngestedAt).Select(Snapshot).ToList();
            }
        }
    }

    /// <summary>Adds the interaction unless one with the same external id exists (Exotel's 409).</summary>
    internal bool TryAdd(InteractionEntry entry)
    {
        lock (gate)
        {
            return interactions.TryAdd(entry.Request.ExternalInteractionId, entry);
        }
    }

    internal (InteractionRequest Request, CqaStatus Status)? Interaction(string externalId)
    {
        lock (gate)
        {
            return interactions.TryGetValue(externalId, out var entry) ? (entry.Request, entry.Timeline.Current(Now).Value) : null;
        }
    }

    internal InteractionRequest? SettleInteraction(string externalId, CqaStatus status)
    {
        InteractionEntry? entry;
        lock (gate)
        {
            if (!interactions.TryGetValue(externalId, out entry))
            {
                return null;
            }

            entry.Timeline.Settle(Now, status);
            entry.CallbackLost = false;
        }

        entry.Pending.Cancel();
        return entry.Request;
    }

    private SandboxInteraction Snapshot(InteractionEntry entry)
    {
        var request = entry.Request;
        var status = entry.Timeline.Current(Now).Value;
        return new SandboxInteraction(
            request.ExternalInteractionId, request.AnalysisId, request.ChannelType, request.AudioUrl, request.CallbackUrl,
            request.Body, request.IngestedAt, status.Status, status.Score, entry.CallbackLost);
    }

    // ---- campaigns and contacts ----

    public IReadOnlyList<SandboxEnrollment> Enrollments
    {
        get
        {
            lock (gate)
            {
                return enrollments.Values.OrderBy(enrollment => enrollment.At).ToList();
            }
        }
    }

    public IReadOnlyList<SandboxContact> Contacts
    {
        get
        {
            lock (gate)
            {
                return contacts.ToList();
            }
        }
    }

    /// <summary>Enrols (idempotently) and answers whether the contact was not active in the campaign before.</summary>
    internal bool Enroll(SandboxEnrollment enrollment)
    {
        lock (gate)
        {
            var key = (enrollment.CampaignId, enrollment.Phone);
            var wasActive = enrollments.TryGetValue(key, out var existing) && existing.Active;
            enrollments[key] = wasActive ? existing! with { CustomFields = enrollment.CustomFields, UserId = enrollment.UserId ?? existing.UserId } : enrollment;
            return !wasActive;
        }
    }

    /// <summary>Answers whether the contact was active in the campaign.</summary>
    internal bool Unenroll(string campaignId, string phone)
    {
        lock (gate)
        {
            if (enrollments.TryGetValue((campaignId, phone), out var existing) && existing.Active)
            {
                enrollments[(campaignId, phone)] = existing with { Active = false, At = Now };
                return true;
            }

            return false;
        }
    }

    internal void AddContacts(IEnumerable<SandboxContact> synced)
    {
        lock (gate)
        {
            foreach (var contact in synced)
            {
                contacts.RemoveAll(existing => existing.Number == contact.Number);
                contacts.Add(contact);
            }
        }
    }

    // ---- callbacks ----

    /// <summary>The callbacks sent (or being sent), oldest first, with their attempts.</summary>
    public IReadOnlyList<SandboxCallback> Callbacks
    {
        get
        {
            lock (gate)
            {
                return callbacks.Values.OrderBy(callback => callback.Id).ToList();
            }
        }
    }

    internal void Track(SandboxCallback callback)
    {
        lock (gate)
        {
            callbacks[callback.Id] = callback;
        }
    }

    internal void AddAttempt(long id, CallbackAttempt attempt)
    {
        lock (gate)
        {
            if (callbacks.TryGetValue(id, out var callback))
            {
                callbacks[id] = callback with { Attempts = [.. callback.Attempts, attempt] };
            }
        }
    }

    // ---- reset ----

    /// <summary>Forgets every request, message, call, OTP, interaction, window and callback, and the rules added after start.</summary>
    public void Reset()
    {
        List<CancellationTokenSource> pending;
        lock (gate)
        {
            pending = [.. calls.Values.Select(entry => entry.Pending), .. interactions.Values.Select(entry => entry.Pending)];
            requests.Clear();
            sms.Clear();
            calls.Clear();
            whatsApp.Clear();
            inbound.Clear();
            lastInbound.Clear();
            verifications.Clear();
            otps.Clear();
            interactions.Clear();
            enrollments.Clear();
            contacts.Clear();
            callbacks.Clear();
        }

        foreach (var source in pending)
        {
            source.Cancel();
        }

        Scenarios.Clear();
        ResetRequested?.Invoke();
    }

    /// <summary>Raised by <see cref="Reset"/> so that schedulers and rate windows start afresh.</summary>
    internal event Action? ResetRequested;
}
