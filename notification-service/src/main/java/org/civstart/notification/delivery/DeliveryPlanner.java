package org.civstart.notification.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.civstart.notification.domain.Category;
import org.civstart.notification.domain.Channel;
import org.civstart.notification.domain.Delivery;
import org.civstart.notification.domain.DeliveryStatus;
import org.civstart.notification.domain.Notification;
import org.civstart.notification.domain.Preference;
import org.civstart.notification.preference.PreferenceKeys;
import org.civstart.notification.preference.Preferences;
import org.civstart.notification.preference.QuietHours;
import org.civstart.notification.template.Templates;
import org.civstart.notification.template.Variables;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decides, in the transaction that creates a notification, which external deliveries it gets: for a
 * startup's notification, by the startup's preferences; for the admins', by each admin's own
 * preferences (except admins whose saved event preferences exclude it) and by the admin team's.
 * Each of them: one delivery per channel chosen for the category and with an address, due now or at
 * the end of their quiet hours. With the digest on, assignment emails join that owner's open digest
 * (one email when its window closes) instead of going out one by one.
 */
@ApplicationScoped
public class DeliveryPlanner {

    @Inject
    Preferences preferences;

    @Inject
    ObjectMapper json;

    /** @return whether any delivery is due now (the caller wakes the delivery loop after commit) */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean plan(Notification n, Map<String, Object> data, Set<String> excludedAdmins) {
        boolean dueNow = false;
        for (Preference p : owners(n, excludedAdmins)) {
            dueNow |= plan(n, data, p);
        }
        return dueNow;
    }

    /** Whose preferences a notification is delivered by. */
    private static List<Preference> owners(Notification n, Set<String> excludedAdmins) {
        if (!n.recipient().isAdmins()) {
            Preference p = Preference.findById(n.recipient);
            return p == null ? List.of() : List.of(p);
        }
        List<Preference> owners = new ArrayList<>();
        Preference team = Preference.findById(PreferenceKeys.TEAM);
        if (team != null) {
            owners.add(team);
        }
        for (Preference p :
                Preference.<Preference>list("recipient like ?1 order by recipient", PreferenceKeys.EVERY_ADMIN)) {
            if (!excludedAdmins.contains(PreferenceKeys.adminOf(p.recipient))) {
                owners.add(p);
            }
        }
        return owners;
    }

    private boolean plan(Notification n, Map<String, Object> data, Preference p) {
        boolean dueNow = false;
        Instant now = Instant.now();
        Instant sendAt = QuietHours.deferUntil(p, now);
        Map<String, Object> item = Variables.item(n, data);
        for (Channel channel : preferences.channelsFor(p, n.category)) {
            if (channel == Channel.EMAIL && p.digestEnabled && n.category == Category.ASSIGNMENT) {
                addToDigest(n, p, item, now);
            } else {
                Delivery d =
                        newDelivery(p.recipient, channel, preferences.address(p, channel), n.eventType, now, sendAt);
                d.notificationId = n.id;
                d.items = write(List.of(item));
                d.persist();
                dueNow |= !sendAt.isAfter(now);
            }
        }
        return dueNow;
    }

    /**
     * The digest window opens with its first item and closes {@code digest_window_seconds} later
     * (or, if that falls into the quiet hours, at their end). The open digest is locked, and
     * re-checked as still pending, so an item never joins a digest the sender already took.
     * Callers hold the lock of the notification's inbox (every owner's digests are fed from that one
     * inbox), so two digests of one owner never open at once.
     */
    private void addToDigest(Notification n, Preference p, Map<String, Object> item, Instant now) {
        Delivery open = Delivery.<Delivery>find(
                        "recipient = ?1 and channel = ?2 and digest = true and status = ?3",
                        p.recipient,
                        Channel.EMAIL,
                        DeliveryStatus.PENDING)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResult();
        if (open != null) {
            List<Map<String, Object>> items = new ArrayList<>(read(open.items));
            items.add(item);
            open.items = write(items);
            return;
        }
        Instant windowEnd = QuietHours.deferUntil(p, now.plusSeconds(p.digestWindowSeconds));
        Delivery d = newDelivery(p.recipient, Channel.EMAIL, p.email, Templates.DIGEST, now, windowEnd);
        d.digest = true;
        d.items = write(List.of(item));
        d.persist();
    }

    private static Delivery newDelivery(
            String recipient, Channel channel, String address, String eventType, Instant now, Instant sendAt) {
        Delivery d = new Delivery();
        d.id = UUID.randomUUID();
        d.recipient = recipient;
        d.channel = channel;
        d.address = address;
        d.eventType = eventType;
        d.status = DeliveryStatus.PENDING;
        d.sendAt = sendAt;
        d.createdAt = now;
        return d;
    }

    String write(List<Map<String, Object>> items) {
        try {
            return json.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Map<String, Object>> read(String items) {
        try {
            return json.readValue(items, new TypeReference<List<Map<String, Object>>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
