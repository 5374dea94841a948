package org.civstart.notification.preference;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.civstart.notification.domain.Preference;

/** Quiet hours in the recipient's time zone; a window may wrap midnight (22:00–07:00). */
public final class QuietHours {

    private QuietHours() {}

    /** {@code at}, or the end of the recipient's quiet hours {@code at} falls into. */
    public static Instant deferUntil(Preference p, Instant at) {
        return deferUntil(p.quietStart, p.quietEnd, ZoneId.of(p.timeZone), at);
    }

    /** {@code now}, or the end of the quiet hours {@code now} falls into. */
    public static Instant deferUntil(LocalTime start, LocalTime end, ZoneId zone, Instant now) {
        if (start == null || end == null || start.equals(end)) {
            return now;
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime t = local.toLocalTime();
        boolean inside =
                start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
        if (!inside) {
            return now;
        }
        ZonedDateTime endToday = local.toLocalDate().atTime(end).atZone(zone);
        return (endToday.isAfter(local) ? endToday : endToday.plusDays(1)).toInstant();
    }
}
