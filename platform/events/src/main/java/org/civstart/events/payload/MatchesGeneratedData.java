package org.civstart.events.payload;

import java.util.List;
import java.util.UUID;

/** The matcher scored startups for a signal; the top matches, best first ({@code version}: the signal's). */
public record MatchesGeneratedData(UUID signalId, String signalIdentifier, List<Match> matches, Long version) {

    public record Match(UUID startupId, String startupName, double score, List<String> reasons) {}
}
