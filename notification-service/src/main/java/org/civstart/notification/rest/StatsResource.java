package org.civstart.notification.rest;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.civstart.notification.delivery.DeliveryStats;
import org.civstart.notification.preference.PreferenceKeys;
import org.civstart.rest.Caller;
import org.civstart.rest.InvalidInputException;

/** For staff: sent / failed / pending per channel and per day (UTC); default the last 7 days. */
@Path("/api/notification-stats")
@RolesAllowed(Caller.ADMIN)
public class StatsResource {

    @Inject
    DeliveryStats stats;

    @GET
    public DeliveryStats.Report get(
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("recipient") String recipient) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(6));
        if (start.isAfter(end)) {
            throw new InvalidInputException("from", "must not be after to");
        }
        if (recipient != null && !PreferenceKeys.valid(recipient)) {
            throw new InvalidInputException(
                    "recipient", "must be startup:<uuid>, admin:<sub> or admins (the admin team)");
        }
        return stats.report(start, end, recipient);
    }

    private static LocalDate date(String field, String value, LocalDate fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "must be a date such as 2026-01-31");
        }
    }
}
