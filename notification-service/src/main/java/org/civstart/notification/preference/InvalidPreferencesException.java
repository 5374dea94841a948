package org.civstart.notification.preference;

import java.util.List;
import java.util.Map;

/** Saved event preferences that do not validate: every bad field, and the event names that are valid. */
public class InvalidPreferencesException extends RuntimeException {

    private final Map<String, String> fields;
    private final List<String> validEvents;

    public InvalidPreferencesException(Map<String, String> fields, List<String> validEvents) {
        super("validation failed");
        this.fields = Map.copyOf(fields);
        this.validEvents = validEvents;
    }

    public Map<String, String> fields() {
        return fields;
    }

    public List<String> validEvents() {
        return validEvents;
    }
}
