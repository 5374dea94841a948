package org.civstart.events;

/**
 * The Kafka topics of the platform. The order of the constants is part of the gateway's resume
 * position format: append new topics at the end, never reorder.
 */
public enum Topic {
    SIGNALS("signals"),
    ASSIGNMENTS("assignments"),
    CONNECTIONS("connections"),
    CREDITS("credits"),
    STARTUPS("startups"),
    CONTACT_REQUESTS("contact-requests"),
    METRICS("metrics"),
    NOTIFICATIONS("notifications"),
    AIRTABLE_SYNC("airtable-sync"),
    /** The latest saved state per key (e.g. an admin's event preferences): compacted, not a history. */
    PREFERENCES("preferences", true);

    private final String topicName;
    private final boolean compacted;

    Topic(String topicName) {
        this(topicName, false);
    }

    Topic(String topicName, boolean compacted) {
        this.topicName = topicName;
        this.compacted = compacted;
    }

    /**
     * Whether Kafka keeps only the latest record per key ({@code cleanup.policy=compact}): true for
     * topics of current state, false for event histories that resuming clients replay.
     */
    public boolean compacted() {
        return compacted;
    }

    /** The Kafka topic name; also the outbox {@code aggregatetype} (Debezium routes by it). */
    public String topicName() {
        return topicName;
    }

    public static Topic ofName(String name) {
        for (Topic t : values()) {
            if (t.topicName.equals(name)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown topic: " + name);
    }
}
