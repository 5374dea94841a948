package org.civstart.events.payload;

import java.util.List;
import java.util.UUID;

/** A startup's profile. */
public record StartupData(
        UUID startupId,
        String name,
        List<String> sectors,
        String tier,
        String airtableRecordId,
        List<String> changedFields) {
}
