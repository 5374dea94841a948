package org.civstart.events.payload;

import java.util.UUID;

/** A startup's request for a published pool signal, and the admin's decision ({@code version}: after the change). */
public record PoolRequestData(
        UUID poolRequestId,
        UUID signalId,
        String signalIdentifier,
        String signalTitle,
        UUID startupId,
        String startupName,
        String status,
        Integer creditCost,
        UUID assignmentId,
        String decisionNote,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public PoolRequestData(
            UUID poolRequestId,
            UUID signalId,
            String signalIdentifier,
            String signalTitle,
            UUID startupId,
            String startupName,
            String status,
            Integer creditCost,
            UUID assignmentId,
            String decisionNote) {
        this(
                poolRequestId,
                signalId,
                signalIdentifier,
                signalTitle,
                startupId,
                startupName,
                status,
                creditCost,
                assignmentId,
                decisionNote,
                null);
    }
}
