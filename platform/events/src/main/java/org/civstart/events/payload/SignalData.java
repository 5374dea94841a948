package org.civstart.events.payload;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A signal as admin pages show it: created, updated, status changed ({@code version}: the signal's,
 * after the change). Startups never receive it: they get {@link PublicSignalData}.
 */
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
        List<String> changedFields,
        Long version) {}
