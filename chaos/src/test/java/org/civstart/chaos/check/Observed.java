package org.civstart.chaos.check;

import java.util.Map;

/** One record as it lies on Kafka: where, its key, its CloudEvent id and type (null if absent), its headers and value. */
public record Observed(
        String topic,
        int partition,
        long offset,
        String key,
        String id,
        String type,
        Map<String, String> headers,
        String value) {}
