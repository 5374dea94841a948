package org.civstart.events.payload;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A signal as pages show it: created, updated, published, removed, status changed. */
public record SignalData(
        UUID signalId,
        String signalIdentifier,
        String title,
        String summary,
        String agency,
        List<String> sectors,
        List<String> tags,
        String status,
        String previousStatus,
        Integer poolCost,
        LocalDate dueDate,
        String source,
        String airtableRecordId,
        List<String> changedFields) {
}
