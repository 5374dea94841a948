package org.civstart.events.payload;

import java.util.UUID;

/** A startup's request for a published pool signal, and the admin's decision. */
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
        String decisionNote) {
}
