package org.civstart.signal.events;

import java.util.List;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.StartupData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.Startup;

/** Outbox events of the startup aggregate (record key and ce_startupid: the startup id; audience admins). */
public final class StartupEvents {

    private StartupEvents() {}

    public static OutboxEvent created(Startup s) {
        return OutboxEvent.of(EventType.STARTUP_CREATED, s.id, s.id, data(s, null));
    }

    public static OutboxEvent updated(Startup s, List<String> changedFields) {
        return OutboxEvent.of(EventType.STARTUP_UPDATED, s.id, s.id, data(s, changedFields));
    }

    public static StartupData data(Startup s, List<String> changedFields) {
        return new StartupData(
                s.id,
                s.name,
                List.copyOf(s.sectors),
                WireEnum.wireName(s.tier),
                s.airtableRecordId,
                changedFields == null ? null : List.copyOf(changedFields),
                s.version);
    }
}
