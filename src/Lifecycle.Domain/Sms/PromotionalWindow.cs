namespace Lifecycle.Domain.Sms;

/// <summary>Promotional SMS may only go out between two local times of day (guide §3.3: 09:00–21:00 IST).</summary>
public sealed record PromotionalWindow(TimeOnly Start, TimeOnly End, TimeZoneInfo TimeZone)
{
    /// <summary><paramref name="now"/> when it is inside the window, else the next opening.</summary>
    public DateTimeOffset NextAllowed(DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, TimeZone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (time >= Start && time < End)
        {
            return now;
        }

        var day = time < Start ? local.Date : local.Date.AddDays(1);
        var opening = day + Start.ToTimeSpan();
        return new DateTimeOffset(opening, TimeZone.GetUtcOffset(opening)).ToUniversalTime();
    }
}
