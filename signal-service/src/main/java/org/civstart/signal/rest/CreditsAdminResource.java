package org.civstart.signal.rest;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.civstart.rest.Caller;
import org.civstart.rest.InvalidInputException;
import org.civstart.signal.credits.CreditService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/credits")
@Tag(name = "startups and credits")
public class CreditsAdminResource {

    public record AllotmentRun(String month) {}

    public record AllotmentResult(String month, int granted) {}

    @Inject
    CreditService credits;

    @POST
    @Path("/monthly-allotments")
    @RolesAllowed(Caller.ADMIN)
    @Operation(
            summary =
                    "Grant every startup its tier's allotment for a month (YYYY-MM), once; the scheduler does this on the 1st")
    public AllotmentResult grant(AllotmentRun body) {
        YearMonth month;
        try {
            month = body == null || body.month() == null
                    ? YearMonth.now(ZoneOffset.UTC)
                    : YearMonth.parse(body.month());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "must be YYYY-MM");
        }
        return new AllotmentResult(month.toString(), credits.grantMonthlyAllotments(month));
    }
}
