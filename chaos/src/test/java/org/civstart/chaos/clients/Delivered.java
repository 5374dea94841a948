package org.civstart.chaos.clients;

/** A {@code credits:updated} frame a client handed to its application: the event id, its startup and the account version. */
public record Delivered(String id, String startupId, long version, long receivedNanos) {}
