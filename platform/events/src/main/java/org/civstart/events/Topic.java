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
    AIRTABLE_SYNC("airtable-sync");

    private final String topicName;

    Topic(String topicName) {
        this.topicName = topicName;
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
