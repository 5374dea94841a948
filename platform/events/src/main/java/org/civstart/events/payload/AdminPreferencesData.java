package org.civstart.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one admin saved to see live: event-name patterns ({@code signal:*}, {@code credits:updated}),
 * startups and signals; an empty list does not restrict that dimension. The gateway applies it as
 * the default filter of every connection of that admin ({@code userId} = the token's {@code sub}).
 */
public record AdminPreferencesData(
        String userId, List<String> events, List<UUID> startups, List<UUID> signals, long version, Instant updatedAt) {}
