package org.civstart.events.payload;

import java.time.LocalDate;
import java.util.UUID;

/** A signal was assigned to one startup (one event per startup; {@code version}: the new assignment's). */
public record SignalAssignedData(
        UUID signalId,
        String signalIdentifier,
        String title,
        String agency,
        UUID assignmentId,
        UUID startupId,
        String assignmentType,
        LocalDate dueDate,
        Long version) {}
