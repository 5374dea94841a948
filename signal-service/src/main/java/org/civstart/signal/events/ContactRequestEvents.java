package org.civstart.signal.events;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.domain.ContactRequest;
import org.civstart.signal.domain.ContactRequestStatus;
import org.civstart.signal.domain.Startup;

/** Outbox events of the contact request aggregate (record key: its id; ce_startupid: the requester). */
public final class ContactRequestEvents {

    private ContactRequestEvents() {}

    public static OutboxEvent created(ContactRequest c, Startup st) {
        return OutboxEvent.of(EventType.CONTACT_REQUEST_CREATED, c.id, c.startupId, data(c, st, null));
    }

    public static OutboxEvent updated(ContactRequest c, Startup st, ContactRequestStatus previous) {
        return OutboxEvent.of(EventType.CONTACT_REQUEST_UPDATED, c.id, c.startupId, data(c, st, previous));
    }

    public static ContactRequestData data(ContactRequest c, Startup st, ContactRequestStatus previous) {
        return new ContactRequestData(
                c.id,
                c.startupId,
                st.name,
                c.contactName,
                c.organizationName,
                c.message,
                WireEnum.wireName(c.status),
                WireEnum.wireName(previous),
                c.version);
    }
}
