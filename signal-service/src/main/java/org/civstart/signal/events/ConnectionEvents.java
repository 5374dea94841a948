package org.civstart.signal.events;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.ConnectionData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.ConnectionRequest;
import org.civstart.signal.domain.ConnectionStatus;
import org.civstart.signal.domain.Startup;

/** Outbox events of the connection request aggregate (record key: its id; ce_startupid: its startup). */
public final class ConnectionEvents {

    private ConnectionEvents() {}

    public static OutboxEvent created(ConnectionRequest c, Startup st) {
        return OutboxEvent.of(EventType.CONNECTION_CREATED, c.id, c.startupId, data(c, st, null));
    }

    public static OutboxEvent updated(ConnectionRequest c, Startup st) {
        return OutboxEvent.of(EventType.CONNECTION_UPDATED, c.id, c.startupId, data(c, st, null));
    }

    public static OutboxEvent statusChanged(ConnectionRequest c, Startup st, ConnectionStatus previous) {
        return OutboxEvent.of(EventType.CONNECTION_STATUS_CHANGED, c.id, c.startupId, data(c, st, previous));
    }

    public static ConnectionData data(ConnectionRequest c, Startup st, ConnectionStatus previous) {
        return new ConnectionData(
                c.id,
                c.startupId,
                st.name,
                WireEnum.wireName(c.targetType),
                c.targetId,
                c.targetName,
                WireEnum.wireName(c.status),
                WireEnum.wireName(previous),
                c.note,
                c.version);
    }
}
