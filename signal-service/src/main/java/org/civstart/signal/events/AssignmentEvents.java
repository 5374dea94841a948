package org.civstart.signal.events;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.AssignmentData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentStatus;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.Startup;

/** Outbox events of the assignment aggregate (record key: the assignment id; ce_startupid: its startup). */
public final class AssignmentEvents {

    private AssignmentEvents() {}

    public static OutboxEvent created(Assignment a, Signal s, Startup st) {
        return event(EventType.ASSIGNMENT_CREATED, a, s, st, null);
    }

    public static OutboxEvent viewed(Assignment a, Signal s, Startup st, AssignmentStatus previous) {
        return event(EventType.ASSIGNMENT_VIEWED, a, s, st, previous);
    }

    /** The first answer is interested/declined; changing an answer is response-changed. */
    public static OutboxEvent responded(Assignment a, Signal s, Startup st, AssignmentStatus previous) {
        EventType type = previous.isResponse()
                ? EventType.ASSIGNMENT_RESPONSE_CHANGED
                : a.status == AssignmentStatus.INTERESTED
                        ? EventType.ASSIGNMENT_INTERESTED
                        : EventType.ASSIGNMENT_DECLINED;
        return event(type, a, s, st, previous);
    }

    private static OutboxEvent event(EventType type, Assignment a, Signal s, Startup st, AssignmentStatus previous) {
        return OutboxEvent.of(type, a.id, a.startupId, data(a, s, st, previous));
    }

    public static AssignmentData data(Assignment a, Signal s, Startup st, AssignmentStatus previous) {
        return new AssignmentData(
                a.id,
                a.signalId,
                s.signalIdentifier,
                s.title,
                a.startupId,
                st.name,
                WireEnum.wireName(a.assignmentType),
                WireEnum.wireName(a.status),
                WireEnum.wireName(previous),
                a.responseNote,
                a.dueDate,
                a.respondedAt,
                a.version);
    }
}
