package org.civstart.notification.support;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.testing.EventRecorder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The per-user events ({@code ce_userid}) of one user, as the gateway would route them. */
public final class UserEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private UserEvents() {}

    public static boolean is(ConsumerRecord<String, String> r, EventType type, String userId) {
        return type.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE))
                && userId.equals(CloudEvent.header(r.headers(), CloudEvent.USER_ID));
    }

    /** Waits for {@code n} events of {@code type} for {@code userId} and returns their payloads. */
    public static List<JsonNode> await(EventRecorder recorder, int n, EventType type, String userId) {
        return recorder.await(n, r -> is(r, type, userId)).stream()
                .map(UserEvents::data)
                .toList();
    }

    public static List<JsonNode> of(EventRecorder recorder, EventType type, String userId) {
        return recorder.records().stream()
                .filter(r -> is(r, type, userId))
                .map(UserEvents::data)
                .toList();
    }

    public static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
