package org.civstart.notification.rest;

import org.civstart.rest.Caller;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.notification.domain.Notification;
import org.civstart.notification.inbox.Inbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The caller's own in-app inbox: a startup user sees its startup's, an admin the shared admin inbox. */
@Path("/api/notifications")
@RolesAllowed({ Caller.ADMIN, Caller.STARTUP })
public class NotificationResource {

    @Inject
    Inbox inbox;

    @Inject
    Caller caller;

    @Inject
    ObjectMapper json;

    public record NotificationView(UUID id, String category, String eventType, String title, String body, String link,
            boolean read, Instant readAt, Instant createdAt, JsonNode data) {
    }

    public record PageView(List<NotificationView> items, int page, int size, long total, long unreadCount) {
    }

    public record CountView(String recipient, long unreadCount) {
    }

    public record MarkedView(int marked, long unreadCount) {
    }

    /** Newest first; {@code unread=true} lists only the unread ones. */
    @GET
    public PageView list(@QueryParam("unread") @DefaultValue("false") boolean unread,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        Inbox.Slice slice = inbox.list(CallerInbox.of(caller), unread, page, size);
        return new PageView(slice.items().stream().map(this::view).toList(), page, size, slice.total(), slice.unreadCount());
    }

    @GET
    @Path("/unread-count")
    public CountView unreadCount() {
        var recipient = CallerInbox.of(caller);
        return new CountView(recipient.key(), inbox.unreadCount(recipient));
    }

    @GET
    @Path("/{id}")
    public NotificationView get(@PathParam("id") UUID id) {
        return view(inbox.get(CallerInbox.of(caller), id));
    }

    @POST
    @Path("/{id}/read")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return view(inbox.markRead(CallerInbox.of(caller), id));
    }

    @POST
    @Path("/read-all")
    public MarkedView markAllRead() {
        var recipient = CallerInbox.of(caller);
        int marked = inbox.markAllRead(recipient);
        return new MarkedView(marked, inbox.unreadCount(recipient));
    }

    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        inbox.delete(CallerInbox.of(caller), id);
    }

    NotificationView view(Notification n) {
        JsonNode data;
        try {
            data = json.readTree(n.data);
        } catch (Exception e) {
            data = null;
        }
        return new NotificationView(n.id, n.category.wireName(), n.eventType, n.title, n.body, n.link, n.read, n.readAt,
                n.createdAt, data);
    }
}
