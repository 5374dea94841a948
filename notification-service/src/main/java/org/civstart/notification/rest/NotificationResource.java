package org.civstart.notification.rest;

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
import org.civstart.rest.Caller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The caller's own view of their inbox (a startup user: their startup's; an admin: the admins'), with
 * their own read marks, deletions and unread count.
 */
@Path("/api/notifications")
@RolesAllowed({Caller.ADMIN, Caller.STARTUP})
public class NotificationResource {

    @Inject
    Inbox inbox;

    @Inject
    CallerUser user;

    @Inject
    ObjectMapper json;

    public record NotificationView(
            UUID id,
            String category,
            String eventType,
            String title,
            String body,
            String link,
            boolean read,
            Instant readAt,
            Instant createdAt,
            JsonNode data) {}

    /** {@code unreadCount} and {@code version} are the caller's, as in {@code notification.count-changed}. */
    public record PageView(
            List<NotificationView> items, int page, int size, long total, long unreadCount, long version) {}

    public record CountView(long unreadCount, long version) {}

    public record MarkedView(int marked, long unreadCount, long version) {}

    /** Newest first; {@code unread=true} lists only the caller's unread ones. */
    @GET
    public PageView list(
            @QueryParam("unread") @DefaultValue("false") boolean unread,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("20") @Min(1) @Max(200) int size) {
        Inbox.Slice slice = inbox.list(user.id(), unread, page, size);
        return new PageView(
                slice.items().stream().map(this::view).toList(),
                page,
                size,
                slice.total(),
                slice.unreadCount(),
                slice.version());
    }

    /** The caller's count and its version: keep whichever of this and the events has the higher version. */
    @GET
    @Path("/unread-count")
    public CountView unreadCount() {
        Inbox.Count count = inbox.count(user.id());
        return new CountView(count.unreadCount(), count.version());
    }

    @GET
    @Path("/{id}")
    public NotificationView get(@PathParam("id") UUID id) {
        return view(inbox.get(user.id(), id));
    }

    @POST
    @Path("/{id}/read")
    public NotificationView markRead(@PathParam("id") UUID id) {
        return view(inbox.markRead(user.id(), id));
    }

    @POST
    @Path("/read-all")
    public MarkedView markAllRead() {
        String id = user.id();
        int marked = inbox.markAllRead(id);
        Inbox.Count count = inbox.count(id);
        return new MarkedView(marked, count.unreadCount(), count.version());
    }

    /** Removes it from the caller's view only; the others of the inbox keep it. */
    @DELETE
    @Path("/{id}")
    public void delete(@PathParam("id") UUID id) {
        inbox.delete(user.id(), id);
    }

    NotificationView view(Inbox.Entry e) {
        Notification n = e.notification();
        JsonNode data;
        try {
            data = json.readTree(n.data);
        } catch (Exception ex) {
            data = null;
        }
        return new NotificationView(
                n.id,
                n.category.wireName(),
                n.eventType,
                n.title,
                n.body,
                n.link,
                e.read(),
                e.readAt(),
                n.createdAt,
                data);
    }
}
