package org.civstart.events.payload;

import java.util.UUID;

/** A startup asks CivStart for an introduction to a contact. */
public record ContactRequestData(
        UUID contactRequestId,
        UUID startupId,
        String startupName,
        String contactName,
        String organizationName,
        String message,
        String status,
        String previousStatus) {
}
