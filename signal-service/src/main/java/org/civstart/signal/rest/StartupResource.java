package org.civstart.signal.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.Caller;
import org.civstart.rest.Idempotent;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.signal.credits.CreditService;
import org.civstart.signal.domain.LedgerEntry;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Tier;
import org.civstart.signal.rest.Views.CreditsView;
import org.civstart.signal.rest.Views.LedgerEntryView;
import org.civstart.signal.rest.Views.StartupView;
import org.civstart.signal.startup.StartupCommands.NewStartup;
import org.civstart.signal.startup.StartupCommands.StartupChanges;
import org.civstart.signal.startup.StartupService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/startups")
@Tag(name = "startups and credits")
public class StartupResource {

    /** A ledger posting by an admin. */
    public record CreditPosting(long amount, String reason) {}

    public record TierChange(Tier tier, Long version) {}

    @Inject
    StartupService startups;

    @Inject
    CreditService credits;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "List startups by name")
    public Paging.Page<StartupView> list(
            @QueryParam("tier") String tier,
            @QueryParam("sector") String sector,
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        return Views.page(
                startups.list(Params.enumValue(Tier.class, tier, "tier"), sector, query, page, size), StartupView::of);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public StartupView get(@PathParam("id") UUID id) {
        caller.requireAccess(id);
        return StartupView.of(startups.get(id));
    }

    @Idempotent
    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Create a startup (credit balance 0): startup.created")
    public RestResponse<StartupView> create(NewStartup body) {
        Startup s = startups.create(body);
        return Views.created("/api/startups/" + s.id, StartupView.of(s));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Change name, sectors, tier: startup.updated (+ credits.tier-changed)")
    public StartupView update(@PathParam("id") UUID id, StartupChanges body) {
        return StartupView.of(startups.update(id, body));
    }

    @GET
    @Path("/{id}/credits")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Balance, tier and monthly allotment")
    public CreditsView balance(@PathParam("id") UUID id) {
        caller.requireAccess(id);
        Startup s = startups.get(id);
        var account = credits.account(id);
        return new CreditsView(id, account.balance(), s.tier, credits.monthlyAllotment(s.tier), account.version());
    }

    @GET
    @Path("/{id}/credits/ledger")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Ledger entries, newest first")
    public Paging.Page<LedgerEntryView> ledger(
            @PathParam("id") UUID id,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        caller.requireAccess(id);
        Paging.check(page, size);
        return Views.page(credits.ledger(id, page, size), LedgerEntryView::of);
    }

    @Idempotent
    @POST
    @Path("/{id}/credits/allocations")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Allocate credits: credits.allocated + credits.updated (new balance)")
    public RestResponse<LedgerEntryView> allocate(@PathParam("id") UUID id, CreditPosting body) {
        requireBody(body);
        return created(credits.allocate(id, body.amount(), body.reason(), null));
    }

    @Idempotent
    @POST
    @Path("/{id}/credits/adjustments")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Correct the balance by a signed amount (never below 0): credits.updated")
    public RestResponse<LedgerEntryView> adjust(@PathParam("id") UUID id, CreditPosting body) {
        requireBody(body);
        return created(credits.adjust(id, body.amount(), body.reason()));
    }

    @PUT
    @Path("/{id}/credits/tier")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Change the tier: credits.tier-changed + startup.updated")
    public CreditsView changeTier(@PathParam("id") UUID id, TierChange body) {
        if (body == null || body.tier() == null) {
            throw Params.missing(Tier.class, "tier");
        }
        startups.update(id, new StartupChanges(null, null, body.tier(), body.version()));
        return balance(id);
    }

    private static void requireBody(Object body) {
        if (body == null) {
            throw new InvalidInputException("amount", "is required");
        }
    }

    private static RestResponse<LedgerEntryView> created(LedgerEntry e) {
        return RestResponse.status(RestResponse.Status.CREATED, LedgerEntryView.of(e));
    }
}
