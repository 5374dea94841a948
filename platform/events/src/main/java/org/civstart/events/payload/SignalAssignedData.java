package org.civstart.events.payload;

import java.time.LocalDate;
import java.util.UUID;

/** A signal was assigned to one startup (one event per startup). */
public record SignalAssignedData(
        UUID signalId,
        String signalIdentifier,
        String title,
        String agency,
        UUID assignmentId,
        UUID startupId,
        String assignmentType,
        LocalDate dueDate) {
}
