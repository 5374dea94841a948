package org.civstart.notification.inbox;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.InboxUser;
import org.civstart.notification.domain.Recipient;
import org.civstart.notification.events.NotificationEvents;
import org.civstart.outbox.OutboxEvent;

/**
 * The users the service knows: a user becomes known with their first API call (sub, role and
 * {@code startup_id} from the token) and from then on gets a {@code notification.count-changed} with
 * every change of their count. A new user's count starts exact (their inbox's notifications that are
 * not read inbox-wide), at version 0. Each replica remembers whom it registered, so only a user's
 * first call (per replica) touches the database.
 */
@ApplicationScoped
public class InboxUsers {

    private static final String UNREAD = """
            select count(*) from notification n
             where n.recipient = ?1 and not n.legacy_read
               and not exists (select 1 from notification_state s where s.user_id = ?2 and s.notification_id = n.id)""";

    private final Map<String, String> registered = new ConcurrentHashMap<>();

    @Inject
    EntityManager em;

    @Inject
    InboxLock lock;

    @Inject
    Event<OutboxEvent> events;

    /** Makes sure the caller is known with this inbox; returns their id (the sub). */
    public String known(String userId, boolean admin, UUID startupId) {
        Recipient inbox = admin ? Recipient.ADMINS : Recipient.startup(startupId);
        if (!inbox.key().equals(registered.get(userId))) {
            register(userId, admin, inbox);
            registered.put(userId, inbox.key());
        }
        return userId;
    }

    /**
     * Under the inbox's lock, so no new notification of the inbox is half-counted: it either committed
     * before (and the count below sees it) or it waits and then counts this user too.
     */
    @Transactional
    void register(String userId, boolean admin, Recipient inbox) {
        lock.lock(inbox);
        InboxUser u = InboxUser.findForUpdate(userId);
        Instant now = Instant.now();
        if (u == null) {
            u = new InboxUser();
            u.userId = userId;
            u.createdAt = now;
            u.version = 0;
            place(u, admin, inbox, now);
            u.persist();
        } else if (!u.inbox.equals(inbox.key())) {
            // the token now names another startup (or role): the user's count is that of the new inbox
            place(u, admin, inbox, now);
            u.version++;
            events.fire(NotificationEvents.countChanged(u));
        }
    }

    private void place(InboxUser u, boolean admin, Recipient inbox, Instant now) {
        u.role = admin ? "admin" : "startup";
        u.startupId = inbox.startupId();
        u.inbox = inbox.key();
        u.unreadCount = unread(u.userId, inbox);
        u.updatedAt = now;
    }

    /** The exact count, from the rows (a user's stored count always equals it). */
    public long unread(String userId, Recipient inbox) {
        return ((Number) em.createNativeQuery(UNREAD)
                        .setParameter(1, inbox.key())
                        .setParameter(2, userId)
                        .getSingleResult())
                .longValue();
    }
}
