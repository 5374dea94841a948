package org.civstart.rest;

import java.util.Map;

/**
 * An {@code Idempotency-Key} sent again with a different request (HTTP 422, naming each field that
 * differs from the first request). Nothing ran.
 */
public class IdempotencyKeyReused extends DomainException {

    private final Map<String, String> fields;

    public IdempotencyKeyReused(String key, Map<String, String> fields) {
        super("Idempotency-Key " + key + " was already used with a different request");
        this.fields = Map.copyOf(fields);
    }

    public Map<String, String> fields() {
        return fields;
    }
}
