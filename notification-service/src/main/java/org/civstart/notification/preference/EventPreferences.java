package org.civstart.notification.preference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.civstart.events.EventPatterns;
import org.civstart.events.EventType;
import org.civstart.events.payload.AdminPreferencesData;
import org.civstart.notification.domain.AdminEventPreference;
import org.civstart.notification.events.NotificationEvents;
import org.civstart.outbox.OutboxEvent;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Each admin's saved event preferences: which WebSocket events (names or {@code prefix*} patterns of
 * the catalog), startups and signals they want live. Every save (and reset) commits with an
 * {@code admin-preferences.updated} event on the compacted {@code preferences} topic, keyed by the
 * admin's sub, with a version that grows by one; the gateway applies the latest as the admin's
 * default filter. The same preferences decide which admin notifications reach that admin.
 */
@ApplicationScoped
public class EventPreferences {

    public static final int MAX_EVENTS = 100;
    public static final int MAX_IDS = 1000;
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Event<OutboxEvent> events;

    /** The admin's saved preferences; version 0 and no {@code updatedAt} when never saved. */
    @Transactional
    public AdminPreferencesData get(String userId) {
        AdminEventPreference p = AdminEventPreference.findById(userId);
        return p == null ? new AdminPreferencesData(userId, List.of(), List.of(), List.of(), 0, null) : data(p);
    }

    /**
     * Validates everything first (a 400 changes nothing), then replaces the saved preferences; a list
     * that is null does not restrict.
     */
    @Transactional
    public AdminPreferencesData put(
            String userId, List<String> events, List<String> startupIds, List<String> signalIds) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> patterns = patterns(events, errors);
        List<UUID> startups = ids("startups", startupIds, errors);
        List<UUID> signals = ids("signals", signalIds, errors);
        if (!errors.isEmpty()) {
            throw new InvalidPreferencesException(errors, EventPatterns.webSocketNames());
        }
        return save(userId, patterns, startups, signals);
    }

    /** Back to no restriction (published as empty lists, with the next version). */
    @Transactional
    public AdminPreferencesData reset(String userId) {
        return save(userId, List.of(), List.of(), List.of());
    }

    /** The admins whose saved preferences would not show this event live (so its notification is not theirs). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> excluding(EventType type, String startupId, String signalId) {
        Set<String> excluded = new HashSet<>();
        for (AdminEventPreference p : AdminEventPreference.<AdminEventPreference>listAll()) {
            EventFilter filter =
                    new EventFilter(read(p.events), new HashSet<>(read(p.startups)), new HashSet<>(read(p.signals)));
            if (!filter.accepts(type, startupId, signalId)) {
                excluded.add(p.userId);
            }
        }
        return excluded;
    }

    private AdminPreferencesData save(String userId, List<String> patterns, List<UUID> startups, List<UUID> signals) {
        // the row exists before it is locked, so two first saves (two tabs) queue up instead of colliding
        em.createNativeQuery(
                        "insert into admin_event_preference (user_id, events, startups, signals, version, updated_at)"
                                + " values (?1, '[]', '[]', '[]', 0, now()) on conflict (user_id) do nothing")
                .setParameter(1, userId)
                .executeUpdate();
        AdminEventPreference p = AdminEventPreference.findForUpdate(userId);
        p.events = write(patterns);
        p.startups = write(startups.stream().map(UUID::toString).toList());
        p.signals = write(signals.stream().map(UUID::toString).toList());
        p.version++;
        p.updatedAt = Instant.now();
        AdminPreferencesData saved =
                new AdminPreferencesData(userId, patterns, startups, signals, p.version, p.updatedAt);
        events.fire(NotificationEvents.preferencesUpdated(saved));
        return saved;
    }

    private static List<String> patterns(List<String> given, Map<String, String> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_EVENTS) {
            errors.put("events", "at most " + MAX_EVENTS + " names or patterns");
            return List.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String p = given.get(i) == null ? null : given.get(i).trim();
            if (!EventPatterns.known(p)) {
                errors.put(
                        "events[" + i + "]",
                        (p == null ? "null" : "\"" + p + "\"")
                                + " is not a WebSocket event name of the catalog, nor a prefix* that matches one; valid names: "
                                + String.join(", ", EventPatterns.webSocketNames()));
            } else {
                out.add(p);
            }
        }
        return List.copyOf(out);
    }

    private static List<UUID> ids(String field, List<String> given, Map<String, String> errors) {
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_IDS) {
            errors.put(field, "at most " + MAX_IDS + " ids");
            return List.of();
        }
        Set<UUID> out = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String id = given.get(i) == null ? "" : given.get(i).trim();
            if (UUID_TEXT.matcher(id).matches()) {
                out.add(UUID.fromString(id));
            } else {
                errors.put(field + "[" + i + "]", "must be a UUID");
            }
        }
        return List.copyOf(out);
    }

    private AdminPreferencesData data(AdminEventPreference p) {
        return new AdminPreferencesData(
                p.userId,
                read(p.events),
                read(p.startups).stream().map(UUID::fromString).toList(),
                read(p.signals).stream().map(UUID::fromString).toList(),
                p.version,
                p.version == 0 ? null : p.updatedAt);
    }

    private List<String> read(String array) {
        try {
            return array == null ? List.of() : json.readValue(array, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored event preferences unreadable", e);
        }
    }

    private String write(List<String> values) {
        try {
            return json.writeValueAsString(new ArrayList<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
