package org.civstart.events.payload;

import java.util.List;
import java.util.UUID;

/** A startup's profile ({@code version}: after the change). */
public record StartupData(
        UUID startupId,
        String name,
        List<String> sectors,
        String tier,
        String airtableRecordId,
        List<String> changedFields,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public StartupData(
            UUID startupId,
            String name,
            List<String> sectors,
            String tier,
            String airtableRecordId,
            List<String> changedFields) {
        this(startupId, name, sectors, tier, airtableRecordId, changedFields, null);
    }
}
