package org.civstart.sync.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.sync.mapping.Kind;
import org.civstart.sync.mirror.MirroredRecords;
import org.civstart.sync.rest.Views.RecordView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The mirrored Airtable records, read-only (role admin): what the organizations page loads, and what
 * any page refetches after {@code system:resyncRequired}. {@code kind} is the plural:
 * {@code organizations}, {@code contacts}, {@code interactions}, {@code signals}, {@code startups}.
 */
@Path("/admin/airtable/records")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class RecordsResource {

    private static final Set<String> PARAMETERS = Set.of("q", "updatedSince", "baseId", "tableId", "page", "size");

    @Inject
    MirroredRecords records;

    @GET
    @Path("/{kind}")
    @Operation(
            summary =
                    "Mirrored records of one kind, newest change first; any field of the kind filters (lists: contains)")
    public Paging.Page<RecordView> list(
            @PathParam("kind") String kind,
            @Parameter(description = "text found in any field's value") @QueryParam("q") String q,
            @Parameter(description = "changed at or after this instant (ISO-8601)") @QueryParam("updatedSince")
                    String updatedSince,
            @QueryParam("baseId") String baseId,
            @QueryParam("tableId") String tableId,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size,
            @Context UriInfo uri) {
        Kind k = kind(kind);
        Paging.check(page, size);
        Map<String, String> fieldFilters = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (PARAMETERS.contains(name)) {
                return;
            }
            if (!k.fields().containsKey(name)) {
                Set<String> known = new TreeSet<>(PARAMETERS);
                known.addAll(k.fields().keySet());
                throw new InvalidInputException(
                        name, "is not a filter of " + kind + " (filters: " + String.join(", ", known) + ")");
            }
            fieldFilters.put(name, values.get(values.size() - 1));
        });
        if (baseId != null && !baseId.matches(Ids.BASE)) {
            throw new InvalidInputException("baseId", Ids.NOT_A_BASE);
        }
        if (tableId != null && !tableId.matches(Ids.TABLE)) {
            throw new InvalidInputException("tableId", Ids.NOT_A_TABLE);
        }
        MirroredRecords.Result result = records.find(
                new MirroredRecords.Search(k, q, instant(updatedSince), baseId, tableId, fieldFilters, page, size));
        return new Paging.Page<>(result.records().stream().map(RecordView::of).toList(), page, size, result.total());
    }

    @GET
    @Path("/{kind}/{recordId}")
    @Operation(summary = "One mirrored record")
    public RecordView get(@PathParam("kind") String kind, @PathParam("recordId") String recordId) {
        return RecordView.of(records.get(kind(kind), recordId));
    }

    /** {@code organizations} → {@link Kind#ORGANIZATION}; anything else is a 400 naming {@code kind}. */
    static Kind kind(String plural) {
        for (Kind k : Kind.values()) {
            if ((k.wireName() + "s").equals(plural)) {
                return k;
            }
        }
        throw new InvalidInputException(
                "kind",
                "must be one of "
                        + String.join(
                                ", ",
                                Arrays.stream(Kind.values())
                                        .map(k -> k.wireName() + "s")
                                        .toList()));
    }

    private static Instant instant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("updatedSince", "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z");
        }
    }
}
