package org.civstart.events.payload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An assignment (signal x startup) and its response status ({@code version}: after the change). */
public record AssignmentData(
        UUID assignmentId,
        UUID signalId,
        String signalIdentifier,
        String signalTitle,
        UUID startupId,
        String startupName,
        String assignmentType,
        String status,
        String previousStatus,
        String responseNote,
        LocalDate dueDate,
        Instant respondedAt,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public AssignmentData(
            UUID assignmentId,
            UUID signalId,
            String signalIdentifier,
            String signalTitle,
            UUID startupId,
            String startupName,
            String assignmentType,
            String status,
            String previousStatus,
            String responseNote,
            LocalDate dueDate,
            Instant respondedAt) {
        this(
                assignmentId,
                signalId,
                signalIdentifier,
                signalTitle,
                startupId,
                startupName,
                assignmentType,
                status,
                previousStatus,
                responseNote,
                dueDate,
                respondedAt,
                null);
    }
}
