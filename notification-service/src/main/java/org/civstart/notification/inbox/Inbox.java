package org.civstart.notification.inbox;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.InboxUser;
import org.civstart.notification.domain.Notification;
import org.civstart.notification.domain.NotificationState;
import org.civstart.notification.events.NotificationEvents;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.NotFoundException;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

/**
 * The inboxes and each user's view of theirs. A notification is one row of its inbox; every user of
 * the inbox has their own read and deleted marks and their own unread count, which changes in the
 * transaction of the change and under the user's row lock (so it is exact under any interleaving,
 * two tabs included), with {@code version} + 1 and a {@code notification.count-changed} for that user.
 * A notification of another inbox, or one the user deleted, is "not found".
 */
@ApplicationScoped
public class Inbox {

    /** Visible to the user: not deleted by them, not hidden from them. */
    private static final String VISIBLE = "n.recipient = :inbox and not exists (select 1 from NotificationState s"
            + " where s.userId = :user and s.notificationId = n.id and (s.deletedAt is not null or s.hidden = true))";
    /** Unread for the user: no mark of theirs, and no inbox-wide read mark. */
    private static final String UNREAD = " and n.legacyRead = false and not exists (select 1 from NotificationState r"
            + " where r.userId = :user and r.notificationId = n.id)";

    @Inject
    Event<OutboxEvent> events;

    @Inject
    InboxLock lock;

    @Inject
    MeterRegistry registry;

    /** A notification as one user sees it. */
    public record Entry(Notification notification, boolean read, Instant readAt) {}

    public record Slice(List<Entry> items, long total, long unreadCount, long version) {}

    public record Count(long unreadCount, long version) {}

    /**
     * Adds a notification (already filled in) to its inbox: {@code notification.new} once, and for
     * every known user of the inbox the new count; users in {@code hiddenFor} never see it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(Notification n, Set<String> hiddenFor) {
        lock.lock(n.recipient());
        n.persist();
        events.fire(NotificationEvents.created(n));
        Instant now = n.createdAt;
        List<InboxUser> users = InboxUser.<InboxUser>find("inbox = ?1", Sort.by("userId"), n.recipient)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
        for (InboxUser u : users) {
            if (hiddenFor.contains(u.userId)) {
                NotificationState s = new NotificationState();
                s.userId = u.userId;
                s.notificationId = n.id;
                s.hidden = true;
                s.persist();
                continue;
            }
            u.unreadCount++;
            u.version++;
            u.updatedAt = now;
            events.fire(NotificationEvents.countChanged(u));
        }
        registry.counter("notifications_created_total", "category", n.category.wireName())
                .increment();
    }

    /** Newest first; {@code unreadOnly} lists only what is unread for this user. */
    @Transactional
    public Slice list(String userId, boolean unreadOnly, int page, int size) {
        InboxUser u = user(userId);
        Parameters params = Parameters.with("inbox", u.inbox).and("user", userId);
        String where = "from Notification n where " + VISIBLE + (unreadOnly ? UNREAD : "");
        List<Notification> notifications = Notification.<Notification>find(
                        where + " order by n.createdAt desc, n.id desc", params)
                .page(Page.of(page, size))
                .list();
        long total = Notification.count(where, params);
        Map<UUID, NotificationState> states = new HashMap<>();
        if (!notifications.isEmpty()) {
            NotificationState.<NotificationState>list(
                            "userId = ?1 and notificationId in ?2",
                            userId,
                            notifications.stream().map(n -> n.id).toList())
                    .forEach(s -> states.put(s.notificationId, s));
        }
        List<Entry> entries =
                notifications.stream().map(n -> entry(n, states.get(n.id))).toList();
        return new Slice(entries, total, u.unreadCount, u.version);
    }

    @Transactional
    public Count count(String userId) {
        InboxUser u = user(userId);
        return new Count(u.unreadCount, u.version);
    }

    @Transactional
    public Entry get(String userId, UUID id) {
        InboxUser u = user(userId);
        Notification n = visible(u, id);
        return entry(n, state(userId, id));
    }

    /** Marks one read for this user; reading what they already read changes nothing and publishes nothing. */
    @Transactional
    public Entry markRead(String userId, UUID id) {
        InboxUser u = userForUpdate(userId);
        Notification n = visible(u, id);
        NotificationState s = state(userId, id);
        if (n.legacyRead || s != null) {
            return entry(n, s); // visible with a mark of its own: read already
        }
        s = new NotificationState();
        s.userId = userId;
        s.notificationId = n.id;
        s.readAt = Instant.now();
        s.persist();
        changeCount(u, -1, s.readAt);
        events.fire(NotificationEvents.read(n, s, u));
        events.fire(NotificationEvents.countChanged(u));
        return entry(n, s);
    }

    /** Marks everything unread for this user read: one {@code notification.read} each, then one count. */
    @Transactional
    public int markAllRead(String userId) {
        InboxUser u = userForUpdate(userId);
        List<Notification> unread = Notification.list(
                "from Notification n where " + VISIBLE + UNREAD + " order by n.createdAt, n.id",
                Parameters.with("inbox", u.inbox).and("user", userId));
        if (unread.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        changeCount(u, -unread.size(), now);
        for (Notification n : unread) {
            NotificationState s = new NotificationState();
            s.userId = userId;
            s.notificationId = n.id;
            s.readAt = now;
            s.persist();
            events.fire(NotificationEvents.read(n, s, u));
        }
        events.fire(NotificationEvents.countChanged(u));
        return unread.size();
    }

    /** Removes it from this user's view (the others of the inbox keep it). */
    @Transactional
    public void delete(String userId, UUID id) {
        InboxUser u = userForUpdate(userId);
        Notification n = visible(u, id);
        NotificationState s = state(userId, id);
        boolean wasUnread = !n.legacyRead && s == null;
        Instant now = Instant.now();
        if (s == null) {
            s = new NotificationState();
            s.userId = userId;
            s.notificationId = n.id;
            s.deletedAt = now;
            s.persist();
        } else {
            s.deletedAt = now;
        }
        if (wasUnread) {
            changeCount(u, -1, now);
        }
        events.fire(NotificationEvents.deleted(n, s, u));
        if (wasUnread) {
            events.fire(NotificationEvents.countChanged(u));
        }
    }

    private static void changeCount(InboxUser u, long delta, Instant now) {
        u.unreadCount += delta;
        u.version++;
        u.updatedAt = now;
    }

    private static InboxUser user(String userId) {
        return known(userId, InboxUser.findById(userId));
    }

    /** The user with their row locked until the transaction ends: their count changes only under this lock. */
    private static InboxUser userForUpdate(String userId) {
        return known(userId, InboxUser.findForUpdate(userId));
    }

    private static InboxUser known(String userId, InboxUser u) {
        if (u == null) {
            throw new IllegalStateException("user " + userId + " is not known yet (callers register them first)");
        }
        return u;
    }

    private static Notification visible(InboxUser u, UUID id) {
        Notification n = Notification.findById(id);
        NotificationState s = n == null ? null : state(u.userId, id);
        if (n == null || !n.recipient.equals(u.inbox) || (s != null && !s.visible())) {
            throw new NotFoundException("notification " + id + " not found in this inbox");
        }
        return n;
    }

    private static NotificationState state(String userId, UUID id) {
        return NotificationState.find("userId = ?1 and notificationId = ?2", userId, id)
                .firstResult();
    }

    private static Entry entry(Notification n, NotificationState s) {
        if (s != null && s.readAt != null) {
            return new Entry(n, true, s.readAt);
        }
        return new Entry(n, n.legacyRead, n.legacyReadAt);
    }
}
