package org.civstart.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A CloudEvents 1.0 event in Kafka binary mode: the record value is the JSON data, the attributes
 * travel as {@code ce_*} headers, the record key is the aggregate id ({@code ce_subject}).
 * Extra routing headers: {@code ce_startupid} (the startup the event concerns, if any),
 * {@code ce_userid} (the one user a {@code user}-audience event is for) and {@code ce_audience}
 * (see {@link Audience}). Extension attributes that let a client recognise its own change:
 * {@code ce_actor} (who made it: a token's {@code sub}, or {@code system} / {@code airtable}) and
 * {@code ce_correlationid} (the request's {@code X-Request-Id} or {@code Idempotency-Key}). The trace
 * the event belongs to travels as {@code ce_traceparent} (the W3C {@code traceparent} of the span that
 * published it: CloudEvents' distributed-tracing extension), so a consumer continues that trace.
 */
public record CloudEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String startupId,
        String audience,
        String data,
        String userId,
        String actor,
        String correlationId,
        String traceparent) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    public static final String SPECVERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    public static final String STARTUP_ID = "ce_startupid";
    public static final String AUDIENCE = "ce_audience";
    public static final String USER_ID = "ce_userid";
    public static final String ACTOR = "ce_actor";
    public static final String CORRELATION_ID = "ce_correlationid";
    public static final String TRACEPARENT = "ce_traceparent";

    /** The actor of changes no user made (scheduled work, consumers reacting to other events). */
    public static final String SYSTEM_ACTOR = "system";
    /** The actor of changes staff made in Airtable (sync-service, and services applying its events). */
    public static final String AIRTABLE_ACTOR = "airtable";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
    }

    /** An event without user, actor or correlation id. */
    public CloudEvent(
            String id,
            String type,
            String source,
            String subject,
            Instant time,
            String startupId,
            String audience,
            String data) {
        this(id, type, source, subject, time, startupId, audience, data, null, null, null, null);
    }

    /** The same event with the given actor and correlation id. */
    public CloudEvent withContext(String actor, String correlationId) {
        return new CloudEvent(
                id, type, source, subject, time, startupId, audience, data, userId, actor, correlationId, traceparent);
    }

    /** The same event for one user ({@code ce_userid}). */
    public CloudEvent withUser(String userId) {
        return new CloudEvent(
                id, type, source, subject, time, startupId, audience, data, userId, actor, correlationId, traceparent);
    }

    /** The same event as part of the trace named by a W3C {@code traceparent} ({@code ce_traceparent}). */
    public CloudEvent withTraceparent(String traceparent) {
        return new CloudEvent(
                id, type, source, subject, time, startupId, audience, data, userId, actor, correlationId, traceparent);
    }

    /** The catalog entry of this event's type, or {@code null} for a type the catalog does not know. */
    public EventType eventType() {
        return EventType.ofType(type);
    }

    public Headers headers() {
        RecordHeaders headers = new RecordHeaders();
        add(headers, ID, id);
        add(headers, TYPE, type);
        add(headers, SOURCE, source);
        add(headers, SPECVERSION, SPEC_VERSION);
        add(headers, CONTENT_TYPE, JSON);
        add(headers, TIME, time.toString());
        add(headers, SUBJECT, subject);
        add(headers, STARTUP_ID, startupId);
        add(headers, AUDIENCE, audience);
        add(headers, USER_ID, userId);
        add(headers, ACTOR, actor);
        add(headers, CORRELATION_ID, correlationId);
        add(headers, TRACEPARENT, traceparent);
        return headers;
    }

    public ProducerRecord<String, String> toRecord(String topic) {
        return new ProducerRecord<>(topic, null, subject, data, headers());
    }

    /**
     * Reads the CloudEvents attributes of a Kafka record.
     *
     * @throws IllegalArgumentException if a required attribute is missing or malformed
     */
    public static CloudEvent of(ConsumerRecord<String, String> record) {
        Headers h = record.headers();
        String id = header(h, ID);
        String type = header(h, TYPE);
        String source = header(h, SOURCE);
        String time = header(h, TIME);
        if (id == null || type == null || source == null || time == null) {
            throw new IllegalArgumentException("not a CloudEvent: missing ce_id, ce_type, ce_source or ce_time at "
                    + record.topic() + "-" + record.partition() + "@" + record.offset());
        }
        String subject = header(h, SUBJECT);
        return new CloudEvent(
                id,
                type,
                source,
                subject != null ? subject : record.key(),
                Instant.parse(time),
                header(h, STARTUP_ID),
                header(h, AUDIENCE),
                record.value(),
                header(h, USER_ID),
                header(h, ACTOR),
                header(h, CORRELATION_ID),
                header(h, TRACEPARENT));
    }

    public static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
