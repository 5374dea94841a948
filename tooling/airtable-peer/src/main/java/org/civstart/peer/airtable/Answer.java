package org.civstart.peer.airtable;

import java.util.Map;

/** An HTTP answer of the peer: a status and a body that is written as JSON (none when null). */
record Answer(int status, Object body) {

    static final Answer NOT_FOUND = new Answer(404, Map.of("error", "NOT_FOUND"));

    static Answer ok(Object body) {
        return new Answer(200, body);
    }

    /** Airtable's error shape: {@code {"error": {"type": ..., "message": ...}}}. */
    static Answer error(int status, String type, String message) {
        return new Answer(status, Map.of("error", Map.of("type", type, "message", message)));
    }
}
