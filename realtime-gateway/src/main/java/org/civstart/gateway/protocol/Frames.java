package org.civstart.gateway.protocol;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The JSON of server → client frames:
 * {@code {"event":"signal:assigned","id":…,"position":…,"time":…,"actor":…,"correlationId":…,"data":{…}}}
 * and the gateway's own {@code system:*} frames. Event frames embed the Kafka record's JSON value as
 * it is (validated once when consumed): one string concatenation per event, not a serialization per
 * connection.
 */
public final class Frames {

    /** System frames: names of the gateway's own messages. */
    public static final String WELCOME = "system:welcome";

    public static final String HEARTBEAT = "system:heartbeat";
    public static final String SUBSCRIBED = "system:subscribed";
    public static final String RESUMED = "system:resumed";
    public static final String RESYNC_REQUIRED = "system:resyncRequired";
    public static final String ERROR = "system:error";

    /** The gateway's JSON mapper (Java time as ISO-8601 strings). */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private Frames() {}

    /** An event frame; {@code actor} and {@code correlationId} are left out when null. */
    public static String event(
            String name, String id, String position, Instant time, String actor, String correlationId, String data) {
        StringBuilder b = new StringBuilder(data.length() + position.length() + 160);
        b.append("{\"event\":\"")
                .append(name)
                .append("\",\"id\":\"")
                .append(ENCODER.quoteAsString(id))
                .append("\",\"position\":\"")
                .append(position)
                .append("\",\"time\":\"")
                .append(time)
                .append('"');
        if (actor != null) {
            b.append(",\"actor\":\"").append(ENCODER.quoteAsString(actor)).append('"');
        }
        if (correlationId != null) {
            b.append(",\"correlationId\":\"")
                    .append(ENCODER.quoteAsString(correlationId))
                    .append('"');
        }
        b.append(",\"data\":").append(data).append('}');
        return b.toString();
    }

    /** A gateway frame; {@code position} may be null. */
    public static String system(String name, String position, Object data) {
        try {
            StringBuilder b = new StringBuilder(256);
            b.append("{\"event\":\"").append(name).append('"');
            if (position != null) {
                b.append(",\"position\":\"")
                        .append(ENCODER.quoteAsString(position))
                        .append('"');
            }
            b.append(",\"time\":\"")
                    .append(Instant.now())
                    .append("\",\"data\":")
                    .append(JSON.writeValueAsString(data))
                    .append('}');
            return b.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String error(String code, String message) {
        return system(ERROR, null, new ErrorData(code, message));
    }

    public record ErrorData(String code, String message) {}
}
