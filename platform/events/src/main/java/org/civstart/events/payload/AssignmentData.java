package org.civstart.events.payload;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An assignment (signal x startup) and its response status. */
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
        Instant respondedAt) {
}
