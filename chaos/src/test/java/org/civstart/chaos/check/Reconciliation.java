package org.civstart.chaos.check;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.civstart.chaos.check.Stores.LedgerRow;
import org.civstart.chaos.clients.Delivered;
import org.civstart.chaos.clients.Fleet;
import org.civstart.chaos.clients.ResumingClient;
import org.civstart.chaos.load.Write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks everything from outside, write by write: each 2xx write has its ledger row and exactly one
 * {@code credits.updated} event; no event without its row; notification-service made each "credits
 * low" notification exactly once; each WebSocket client handed its application every event of its
 * audience once, per startup in version order. Adds the counts to {@link Figures}.
 */
public final class Reconciliation {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** notification-service's default "credits low" threshold. */
    private static final long LOW = 5;

    /** A {@code credits.updated} event read back from Kafka. */
    record Event(
            String id,
            String startupId,
            UUID ledgerEntryId,
            long version,
            long balance,
            long delta,
            int partition,
            long offset) {
        boolean notifies() {
            return balance < LOW && balance - delta >= LOW;
        }
    }

    private final Set<String> startups = new HashSet<>();
    private final List<Event> records = new ArrayList<>();
    /** Distinct events (first record of each ce_id). */
    private final Map<String, Event> events = new LinkedHashMap<>();

    public Reconciliation(List<UUID> startups, List<Observed> credits) {
        startups.forEach(s -> this.startups.add(s.toString()));
        credits.stream()
                .sorted(Comparator.comparingInt(Observed::partition).thenComparingLong(Observed::offset))
                .forEach(o -> {
                    if (!"credits.updated".equals(o.type()) || o.value() == null) {
                        return;
                    }
                    try {
                        JsonNode d = JSON.readTree(o.value());
                        String startup = d.path("startupId").asText();
                        if (!this.startups.contains(startup)) {
                            return;
                        }
                        Event e = new Event(
                                o.id(),
                                startup,
                                UUID.fromString(d.path("ledgerEntryId").asText()),
                                d.path("version").asLong(),
                                d.path("balance").asLong(),
                                d.path("delta").asLong(),
                                o.partition(),
                                o.offset());
                        records.add(e);
                        events.putIfAbsent(e.id(), e);
                    } catch (Exception ignored) {
                        // not one of ours
                    }
                });
    }

    /** Distinct events of these startups on Kafka. */
    public int events() {
        return events.size();
    }

    /** Events whose startup is {@code startup} (null: all). */
    public Set<String> expectedFor(String startup) {
        Set<String> ids = new HashSet<>();
        events.values().stream()
                .filter(e -> startup == null || startup.equals(e.startupId()))
                .forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** The ids of events that must have made a notification. */
    public Set<String> notifying() {
        Set<String> ids = new HashSet<>();
        events.values().stream().filter(Event::notifies).forEach(e -> ids.add(e.id()));
        return ids;
    }

    /** Writes ↔ rows ↔ events. */
    public void writesRowsEvents(List<Write> writes, Map<UUID, LedgerRow> rows, Figures f) {
        List<Write> ok = writes.stream().filter(Write::succeeded).toList();
        f.writes = ok.size();
        f.events = events.size();
        Set<UUID> answered = new HashSet<>();
        long rowMissing = 0;
        for (Write w : ok) {
            answered.add(w.ledgerEntryId());
            if (w.ledgerEntryId() == null || !rows.containsKey(w.ledgerEntryId())) {
                rowMissing++;
            }
        }
        long rowsWithoutWrite =
                rows.keySet().stream().filter(id -> !answered.contains(id)).count();
        Map<UUID, Set<String>> eventsByRow = new HashMap<>();
        events.values()
                .forEach(e -> eventsByRow
                        .computeIfAbsent(e.ledgerEntryId(), k -> new HashSet<>())
                        .add(e.id()));
        long eventMissing = rows.keySet().stream()
                .filter(id -> !eventsByRow.containsKey(id))
                .count();
        long extraEvents =
                eventsByRow.values().stream().mapToLong(s -> s.size() - 1).sum();
        long eventsWithoutRow = eventsByRow.keySet().stream()
                .filter(id -> !rows.containsKey(id))
                .count();
        long redelivered = records.size() - events.size();
        long kafkaOutOfOrder = outOfOrder(events.values().stream()
                .sorted(Comparator.comparingInt(Event::partition).thenComparingLong(Event::offset))
                .map(e -> new Delivered(e.id(), e.startupId(), e.version(), 0))
                .toList());
        f.lost += rowMissing + eventMissing + eventsWithoutRow;
        f.duplicated += rowsWithoutWrite + extraEvents;
        f.outOfOrder += kafkaOutOfOrder;
        f.detail("unansweredWrites", writes.size() - ok.size())
                .detail("writesWithoutRow", rowMissing)
                .detail("rowsWithoutEvent", eventMissing)
                .detail("eventsWithoutRow", eventsWithoutRow)
                .detail("rowsWithoutAnsweredWrite", rowsWithoutWrite)
                .detail("secondEventsOfARow", extraEvents)
                .detail("kafkaRecordsRepublished", redelivered)
                .detail("kafkaOutOfOrder", kafkaOutOfOrder);
    }

    /** Each notifying event made one notification in notification-service, nothing else made one. */
    public void notifications(Map<String, Integer> bySourceEvent, Figures f) {
        Set<String> expected = notifying();
        long missing =
                expected.stream().filter(id -> !bySourceEvent.containsKey(id)).count();
        long twice = bySourceEvent.entrySet().stream()
                .filter(e -> expected.contains(e.getKey()))
                .mapToLong(e -> e.getValue() - 1)
                .sum();
        long unexpected = bySourceEvent.entrySet().stream()
                .filter(e -> !expected.contains(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
        f.lost += missing;
        f.duplicated += twice + unexpected;
        f.detail("notificationsExpected", expected.size())
                .detail("notificationsMissing", missing)
                .detail("notificationsTwice", twice)
                .detail("notificationsUnexpected", unexpected);
    }

    /** What each client handed its application: every event of its audience, once, in per-startup version order. */
    public void deliveries(Fleet fleet, Figures f) {
        long missing = 0;
        long twice = 0;
        long leaked = 0;
        long disorder = 0;
        long duplicateFrames = 0;
        long resumes = 0;
        long resyncs = 0;
        long connects = 0;
        long errors = 0;
        long clientsMissing = 0;
        Map<String, Set<String>> expectedByRoom = new HashMap<>();
        for (ResumingClient c : fleet.clients()) {
            String room = fleet.room(c);
            Set<String> expected = expectedByRoom.computeIfAbsent(String.valueOf(room), r -> expectedFor(room));
            List<Delivered> got = c.delivered().stream()
                    .filter(d -> startups.contains(d.startupId()))
                    .toList();
            Set<String> distinct = new HashSet<>();
            for (Delivered d : got) {
                if (!distinct.add(d.id())) {
                    twice++;
                }
                if (!expected.contains(d.id())) {
                    leaked++;
                }
            }
            long m = expected.stream().filter(id -> !distinct.contains(id)).count();
            missing += m;
            clientsMissing += m > 0 ? 1 : 0;
            disorder += outOfOrder(got);
            duplicateFrames += c.duplicateFrames();
            resumes += c.resumes();
            resyncs += c.resyncs();
            connects += c.connects();
            errors += c.errorFrames();
        }
        f.lost += missing;
        f.duplicated += twice;
        f.outOfOrder += disorder;
        f.detail("clients", fleet.clients().size())
                .detail("deliveriesMissing", missing)
                .detail("clientsMissingEvents", clientsMissing)
                .detail("deliveriesTwice", twice)
                .detail("deliveriesOfOtherRooms", leaked)
                .detail("deliveriesOutOfOrder", disorder)
                .detail("duplicateFramesDropped", duplicateFrames)
                .detail("connects", connects)
                .detail("resumes", resumes)
                .detail("resyncRequired", resyncs)
                .detail("errorFrames", errors);
        f.lost += leaked; // a frame of another startup's room is a breach: counted, and it fails the scenario
    }

    /** True when every client has everything it expects (used to wait before checking). */
    public static boolean allDelivered(Fleet fleet, Reconciliation r) {
        Map<String, Integer> expected = new HashMap<>();
        for (ResumingClient c : fleet.clients()) {
            String room = fleet.room(c);
            int want = expected.computeIfAbsent(
                    String.valueOf(room), k -> r.expectedFor(room).size());
            if (c.deliveredCount() < want) {
                return false;
            }
        }
        return true;
    }

    /** Per startup, deliveries whose version is not above every earlier one. */
    static long outOfOrder(List<Delivered> sequence) {
        Map<String, Long> max = new HashMap<>();
        long bad = 0;
        for (Delivered d : sequence) {
            Long before = max.get(d.startupId());
            if (before != null && d.version() <= before) {
                bad++;
            } else {
                max.put(d.startupId(), d.version());
            }
        }
        return bad;
    }
}
