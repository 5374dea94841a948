package org.civstart.events.payload;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * What a startup may read of a signal: its public fields, nothing internal (no workflow status,
 * source, Airtable record id). Startups receive signals only in this shape: the pool's
 * {@code signal:published} / {@code signal:removed} and their {@code signal:updated}.
 *
 * @param inPool whether the signal is in the pool (published) after this change
 * @param changedFields the public fields this change touched (updates only)
 * @param version the signal's version after the change
 */
public record PublicSignalData(
        UUID signalId,
        String signalIdentifier,
        String title,
        String summary,
        String agency,
        List<String> sectors,
        List<String> tags,
        Integer poolCost,
        LocalDate dueDate,
        boolean inPool,
        List<String> changedFields,
        Long version) {

    /** The fields a startup may read, as named in {@code changedFields}. */
    public static final List<String> PUBLIC_FIELDS =
            List.of("title", "summary", "agency", "sectors", "tags", "poolCost", "dueDate");
}
