package org.civstart.signal.events;

import java.util.List;

import org.civstart.events.EventType;
import org.civstart.events.payload.MatchesGeneratedData;
import org.civstart.events.payload.SignalAssignedData;
import org.civstart.events.payload.SignalData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.domain.Wire;

/** Outbox events of the signal aggregate (record key: the signal id). */
public final class SignalEvents {

    private SignalEvents() {
    }

    public static OutboxEvent created(Signal s) {
        return OutboxEvent.of(EventType.SIGNAL_CREATED, s.id, null, data(s, null, null));
    }

    public static OutboxEvent updated(Signal s, List<String> changedFields) {
        return OutboxEvent.of(EventType.SIGNAL_UPDATED, s.id, null, data(s, null, changedFields));
    }

    public static OutboxEvent statusChanged(Signal s, SignalStatus previous) {
        return OutboxEvent.of(EventType.SIGNAL_STATUS_CHANGED, s.id, null, data(s, previous, List.of("status")));
    }

    public static OutboxEvent published(Signal s, SignalStatus previous) {
        return OutboxEvent.of(EventType.SIGNAL_PUBLISHED, s.id, null, data(s, previous, List.of("status")));
    }

    public static OutboxEvent removed(Signal s, SignalStatus previous) {
        return OutboxEvent.of(EventType.SIGNAL_REMOVED, s.id, null, data(s, previous, List.of("status")));
    }

    /** To the assigned startup (and admins): one event per startup. */
    public static OutboxEvent assigned(Signal s, Assignment a) {
        return OutboxEvent.of(EventType.SIGNAL_ASSIGNED, s.id, a.startupId, new SignalAssignedData(
                s.id, s.signalIdentifier, s.title, s.agency, a.id, a.startupId, Wire.name(a.assignmentType), a.dueDate, a.version));
    }

    public static OutboxEvent matchesGenerated(Signal s, List<MatchesGeneratedData.Match> matches) {
        return OutboxEvent.of(EventType.SIGNAL_MATCH_GENERATED, s.id, null,
                new MatchesGeneratedData(s.id, s.signalIdentifier, matches, s.version));
    }

    public static SignalData data(Signal s, SignalStatus previous, List<String> changedFields) {
        return new SignalData(s.id, s.signalIdentifier, s.title, s.summary, s.agency, List.copyOf(s.sectors),
                List.copyOf(s.tags), Wire.name(s.status), Wire.name(previous), s.poolCost, s.dueDate,
                Wire.name(s.source), s.airtableRecordId, changedFields == null ? null : List.copyOf(changedFields), s.version);
    }
}
