package org.civstart.events.payload;

import java.util.UUID;

/** A startup asks CivStart for an introduction to a contact ({@code version}: after the change). */
public record ContactRequestData(
        UUID contactRequestId,
        UUID startupId,
        String startupName,
        String contactName,
        String organizationName,
        String message,
        String status,
        String previousStatus,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public ContactRequestData(
            UUID contactRequestId,
            UUID startupId,
            String startupName,
            String contactName,
            String organizationName,
            String message,
            String status,
            String previousStatus) {
        this(
                contactRequestId,
                startupId,
                startupName,
                contactName,
                organizationName,
                message,
                status,
                previousStatus,
                null);
    }
}
