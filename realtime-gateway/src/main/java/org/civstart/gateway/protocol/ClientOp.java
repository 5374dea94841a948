package org.civstart.gateway.protocol;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Client → server frames:
 * <ul>
 * <li>{@code {"op":"resume","position":"…"}} — first frame of a reconnecting client;</li>
 * <li>{@code {"op":"subscribe","events":["signal:*","credits:updated"],"startups":[…],"signals":[…]}}
 * — replaces the filter (startups/signals: admins only);</li>
 * <li>{@code {"op":"ping"}} — answered with a heartbeat carrying the current position.</li>
 * </ul>
 */
public sealed interface ClientOp {

    record Resume(String position) implements ClientOp {}

    /** Event-name patterns, and for admins startup and signal ids; an empty list does not restrict. */
    record Subscribe(List<String> events, Set<String> startups, Set<String> signals) implements ClientOp {}

    record Ping() implements ClientOp {}

    /** A frame the gateway cannot act on; {@link #code} goes into the error frame. */
    final class Invalid extends Exception {
        private final String code;

        Invalid(String code, String message) {
            super(message);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    public static ClientOp parse(String text, boolean admin) throws Invalid {
        JsonNode node;
        try {
            node = Frames.JSON.readTree(text);
        } catch (Exception e) {
            throw new Invalid("malformed-json", "the frame is not JSON");
        }
        if (node == null || !node.isObject() || !node.path("op").isTextual()) {
            throw new Invalid("malformed-frame", "a frame is a JSON object with a string field \"op\"");
        }
        String op = node.get("op").asText();
        switch (op) {
            case "resume": {
                JsonNode position = node.get("position");
                if (position == null
                        || !position.isTextual()
                        || position.asText().isEmpty()) {
                    throw new Invalid("invalid-resume", "resume needs a string field \"position\"");
                }
                return new Resume(position.asText());
            }
            case "subscribe": {
                List<String> events = strings(node, "events", 100);
                for (String pattern : events) {
                    if (!validPattern(pattern)) {
                        throw new Invalid("invalid-subscription", "not an event pattern: " + pattern);
                    }
                }
                List<String> startups = strings(node, "startups", 1000);
                List<String> signals = strings(node, "signals", 1000);
                if (!admin && (!startups.isEmpty() || !signals.isEmpty())) {
                    throw new Invalid("invalid-subscription", "only admins filter by startups or signals");
                }
                return new Subscribe(
                        List.copyOf(events), Set.copyOf(new HashSet<>(startups)), Set.copyOf(new HashSet<>(signals)));
            }
            case "ping":
                return new Ping();
            default:
                throw new Invalid("unknown-op", "unknown op \"" + op + "\": use resume, subscribe or ping");
        }
    }

    private static List<String> strings(JsonNode node, String field, int max) throws Invalid {
        JsonNode array = node.get(field);
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray() || array.size() > max) {
            throw new Invalid(
                    "invalid-subscription", "\"" + field + "\" must be an array of at most " + max + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode v : array) {
            if (!v.isTextual()) {
                throw new Invalid("invalid-subscription", "\"" + field + "\" must contain strings");
            }
            out.add(v.asText());
        }
        return out;
    }

    /** A pattern is an event name, or a prefix followed by one trailing {@code *}. */
    static boolean validPattern(String pattern) {
        return pattern != null
                && !pattern.isEmpty()
                && pattern.length() <= 100
                && pattern.matches("[a-zA-Z:]*\\*?")
                && pattern.indexOf('*') == pattern.lastIndexOf('*');
    }
}
