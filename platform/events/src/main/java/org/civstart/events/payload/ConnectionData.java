package org.civstart.events.payload;

import java.util.UUID;

/** A startup's connection request to an organization or contact ({@code version}: after the change). */
public record ConnectionData(
        UUID connectionId,
        UUID startupId,
        String startupName,
        String targetType,
        String targetId,
        String targetName,
        String status,
        String previousStatus,
        String note,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public ConnectionData(
            UUID connectionId,
            UUID startupId,
            String startupName,
            String targetType,
            String targetId,
            String targetName,
            String status,
            String previousStatus,
            String note) {
        this(
                connectionId,
                startupId,
                startupName,
                targetType,
                targetId,
                targetName,
                status,
                previousStatus,
                note,
                null);
    }
}
