package org.civstart.notification.rest;

import org.civstart.rest.Caller;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.domain.DeliveryAttempt;
import org.civstart.notification.domain.DeliveryStatus;
import org.civstart.notification.domain.WireEnum;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/** For staff: what was (or will be) sent where, with every attempt. */
@Path("/api/notification-deliveries")
@RolesAllowed(Caller.ADMIN)
public class DeliveryResource {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    public record AttemptView(int number, Instant startedAt, Instant finishedAt, boolean succeeded, String error) {
    }

    public record DeliveryView(UUID id, UUID notificationId, String recipient, String channel, String address,
            String eventType, boolean digest, int items, String status, Instant sendAt, int attempts, String lastError,
            Instant createdAt, Instant completedAt, List<AttemptView> attemptLog) {
    }

    /**
     * Newest first, filtered by recipient (whose preferences it was sent by: {@code startup:<uuid>},
     * {@code admin:<sub>} or {@code admins}, the admin team), status and channel.
     */
    @GET
    @Transactional
    public List<DeliveryView> list(@QueryParam("recipient") String recipient, @QueryParam("status") String status,
            @QueryParam("channel") String channel, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Parameters p = new Parameters();
        if (recipient != null) {
            q.append(" and recipient = :recipient");
            p.and("recipient", recipient);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", WireEnum.parse(DeliveryStatus.class, status, "status"));
        }
        if (channel != null) {
            q.append(" and channel = :channel");
            p.and("channel", WireEnum.parse(Channel.class, channel, "channel"));
        }
        return Delivery.<Delivery>find(q.toString(), Sort.descending("createdAt"), p).page(Page.of(page, size)).list()
                .stream().map(DeliveryResource::view).toList();
    }

    @GET
    @Path("/{id}")
    @Transactional
    public DeliveryView get(@PathParam("id") UUID id) {
        return view(Delivery.require(id));
    }

    static DeliveryView view(Delivery d) {
        List<AttemptView> attempts = DeliveryAttempt.of(d.id).stream()
                .map(a -> new AttemptView(a.number, a.startedAt, a.finishedAt, a.succeeded, a.error)).toList();
        int items;
        try {
            items = d.items == null ? 0 : JSON.readTree(d.items).size();
        } catch (java.io.IOException e) {
            items = 0;
        }
        return new DeliveryView(d.id, d.notificationId, d.recipient, d.channel.wireName(), d.address, d.eventType, d.digest,
                items, d.status.wireName(), d.sendAt, d.attempts, d.lastError, d.createdAt, d.completedAt, attempts);
    }
}
