package org.civstart.notification.rest;

import java.util.List;

/**
 * What an admin saves to see live ({@code PUT /api/preferences/events}): WebSocket event names or
 * patterns ({@code signal:*}), startup ids and signal ids. A list left out or empty does not restrict.
 */
public record EventPreferencesBody(List<String> events, List<String> startups, List<String> signals) {}
