package org.civstart.signal.events;

import java.util.List;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.MatchesGeneratedData;
import org.civstart.events.payload.PublicSignalData;
import org.civstart.events.payload.SignalAssignedData;
import org.civstart.events.payload.SignalData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;

/** Outbox events of the signal aggregate (record key: the signal id). */
public final class SignalEvents {

    private SignalEvents() {}

    public static OutboxEvent created(Signal s) {
        return OutboxEvent.of(EventType.SIGNAL_CREATED, s.id, null, data(s, null, null));
    }

    public static OutboxEvent updated(Signal s, List<String> changedFields) {
        return OutboxEvent.of(EventType.SIGNAL_UPDATED, s.id, null, data(s, null, changedFields));
    }

    public static OutboxEvent statusChanged(Signal s, SignalStatus previous) {
        return OutboxEvent.of(EventType.SIGNAL_STATUS_CHANGED, s.id, null, data(s, previous, List.of("status")));
    }

    /** Into the pool: every startup (and the admins) learn its public fields. */
    public static OutboxEvent published(Signal s) {
        return OutboxEvent.of(EventType.SIGNAL_PUBLISHED, s.id, null, publicData(s, null));
    }

    /** Out of the pool. */
    public static OutboxEvent removed(Signal s) {
        return OutboxEvent.of(EventType.SIGNAL_REMOVED, s.id, null, publicData(s, null));
    }

    /**
     * What startups learn of a change to public fields ({@code publicChanged}, not empty): a pool
     * signal's change reaches every startup; any other signal's, each startup it is assigned to (the
     * startups that may read it, as {@code GET /api/signals/{id}} decides). Admins have {@link #updated}.
     */
    public static List<OutboxEvent> publicUpdates(Signal s, List<String> publicChanged, List<UUID> assignedStartups) {
        PublicSignalData data = publicData(s, publicChanged);
        if (s.inPool()) {
            return List.of(OutboxEvent.of(EventType.SIGNAL_POOL_UPDATED, s.id, null, data));
        }
        return assignedStartups.stream()
                .map(startup -> OutboxEvent.of(EventType.SIGNAL_ASSIGNEE_UPDATED, s.id, startup, data))
                .toList();
    }

    /** To the assigned startup (and admins): one event per startup. */
    public static OutboxEvent assigned(Signal s, Assignment a) {
        return OutboxEvent.of(
                EventType.SIGNAL_ASSIGNED,
                s.id,
                a.startupId,
                new SignalAssignedData(
                        s.id,
                        s.signalIdentifier,
                        s.title,
                        s.agency,
                        a.id,
                        a.startupId,
                        WireEnum.wireName(a.assignmentType),
                        a.dueDate,
                        a.version));
    }

    public static OutboxEvent matchesGenerated(Signal s, List<MatchesGeneratedData.Match> matches) {
        return OutboxEvent.of(
                EventType.SIGNAL_MATCH_GENERATED,
                s.id,
                null,
                new MatchesGeneratedData(s.id, s.signalIdentifier, matches, s.version));
    }

    /** The fields a startup may read (no status, source, Airtable id). */
    public static PublicSignalData publicData(Signal s, List<String> changedFields) {
        return new PublicSignalData(
                s.id,
                s.signalIdentifier,
                s.title,
                s.summary,
                s.agency,
                List.copyOf(s.sectors),
                List.copyOf(s.tags),
                s.poolCost,
                s.dueDate,
                s.inPool(),
                changedFields == null ? null : List.copyOf(changedFields),
                s.version);
    }

    public static SignalData data(Signal s, SignalStatus previous, List<String> changedFields) {
        return new SignalData(
                s.id,
                s.signalIdentifier,
                s.title,
                s.summary,
                s.agency,
                List.copyOf(s.sectors),
                List.copyOf(s.tags),
                WireEnum.wireName(s.status),
                WireEnum.wireName(previous),
                s.poolCost,
                s.dueDate,
                WireEnum.wireName(s.source),
                s.airtableRecordId,
                changedFields == null ? null : List.copyOf(changedFields),
                s.version);
    }
}
