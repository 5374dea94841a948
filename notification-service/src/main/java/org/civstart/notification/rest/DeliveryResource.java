package org.civstart.notification.rest;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.notification.delivery.DeliveryLog;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.domain.DeliveryStatus;
import org.civstart.rest.Caller;

import com.fasterxml.jackson.databind.ObjectMapper;

/** For staff: what was (or will be) sent where, with every attempt. */
@Path("/api/notification-deliveries")
@RolesAllowed(Caller.ADMIN)
public class DeliveryResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DeliveryLog log;

    public record AttemptView(int number, Instant startedAt, Instant finishedAt, boolean succeeded, String error) {}

    public record DeliveryView(
            UUID id,
            UUID notificationId,
            String recipient,
            String channel,
            String address,
            String eventType,
            boolean digest,
            int items,
            String status,
            Instant sendAt,
            int attempts,
            String lastError,
            Instant createdAt,
            Instant completedAt,
            List<AttemptView> attemptLog) {}

    /**
     * Newest first, filtered by recipient (whose preferences it was sent by: {@code startup:<uuid>},
     * {@code admin:<sub>} or {@code admins}, the admin team), status and channel.
     */
    @GET
    public List<DeliveryView> list(
            @QueryParam("recipient") String recipient,
            @QueryParam("status") String status,
            @QueryParam("channel") String channel,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        return log.list(recipient, DeliveryStatus.of(status), Channel.of(channel), page, size).stream()
                .map(DeliveryResource::view)
                .toList();
    }

    @GET
    @Path("/{id}")
    public DeliveryView get(@PathParam("id") UUID id) {
        return view(log.get(id));
    }

    private static DeliveryView view(DeliveryLog.Entry entry) {
        Delivery d = entry.delivery();
        List<AttemptView> attempts = entry.attempts().stream()
                .map(a -> new AttemptView(a.number, a.startedAt, a.finishedAt, a.succeeded, a.error))
                .toList();
        int items;
        try {
            items = d.items == null ? 0 : JSON.readTree(d.items).size();
        } catch (IOException e) {
            items = 0;
        }
        return new DeliveryView(
                d.id,
                d.notificationId,
                d.recipient,
                d.channel.wireName(),
                d.address,
                d.eventType,
                d.digest,
                items,
                d.status.wireName(),
                d.sendAt,
                d.attempts,
                d.lastError,
                d.createdAt,
                d.completedAt,
                attempts);
    }
}
