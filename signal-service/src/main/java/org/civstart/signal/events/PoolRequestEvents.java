package org.civstart.signal.events;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.PoolRequest;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.Startup;

/** Outbox events of the pool request aggregate (record key: the request id; ce_startupid: the requester). */
public final class PoolRequestEvents {

    private PoolRequestEvents() {}

    public static OutboxEvent created(PoolRequest r, Signal s, Startup st) {
        return event(EventType.POOL_REQUEST_CREATED, r, s, st);
    }

    public static OutboxEvent approved(PoolRequest r, Signal s, Startup st) {
        return event(EventType.POOL_REQUEST_APPROVED, r, s, st);
    }

    public static OutboxEvent rejected(PoolRequest r, Signal s, Startup st) {
        return event(EventType.POOL_REQUEST_REJECTED, r, s, st);
    }

    private static OutboxEvent event(EventType type, PoolRequest r, Signal s, Startup st) {
        return OutboxEvent.of(type, r.id, r.startupId, data(r, s, st));
    }

    public static PoolRequestData data(PoolRequest r, Signal s, Startup st) {
        return new PoolRequestData(
                r.id,
                r.signalId,
                s.signalIdentifier,
                s.title,
                r.startupId,
                st.name,
                WireEnum.wireName(r.status),
                r.creditCost,
                r.assignmentId,
                r.decisionNote,
                r.version);
    }
}
