package org.civstart.events;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Generates the AsyncAPI 3 document of every topic and message from the {@link EventType} catalog
 * (JSON schemas come from the payload records). The generated document is committed at
 * {@link #RESOURCE} and shipped in this jar, so every service serves it at
 * {@code /asyncapi/civstart-events.yaml}; a test fails when it no longer matches the catalog.
 * Regenerate with {@code ./mvnw -pl platform/events exec:java}.
 */
public final class AsyncApi {

    public static final String RESOURCE = "META-INF/resources/asyncapi/civstart-events.yaml";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AsyncApi() {}

    public static String generate() {
        ObjectNode doc = F.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "CivStart realtime platform events");
        info.put("version", "1.0.0");
        info.put("description", """
                Domain events of the CivStart platform, published to Kafka by each service's transactional \
                outbox as CloudEvents 1.0 in binary mode: the record value is the JSON payload, attributes are \
                ce_* headers, the record key is the aggregate id (so one aggregate's events keep commit order). \
                Delivery is at-least-once: consumers dedupe on ce_id. The realtime gateway forwards each message \
                to WebSocket clients under the names in x-websocket-names, to the audience in x-audience.""");
        doc.put("defaultContentType", CloudEvent.JSON);
        ObjectNode server = doc.putObject("servers").putObject("kafka");
        server.put("host", "kafka:9092");
        server.put("protocol", "kafka");
        server.put(
                "description",
                "The platform's Kafka cluster (Strimzi in Kubernetes, localhost:9092 in the local stack)");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("CloudEventHeaders", headersSchema());

        for (Topic topic : Topic.values()) {
            ObjectNode channel = channels.putObject(topic.topicName());
            channel.put("address", topic.topicName());
            if (topic.compacted()) {
                channel.put(
                        "description", "compacted: the latest record per key is kept (a null value deletes the key)");
            }
            ObjectNode channelMessages = channel.putObject("messages");
            ObjectNode operation = operations.putObject("receive-" + topic.topicName());
            operation.put("action", "receive");
            operation.putObject("channel").put("$ref", "#/channels/" + topic.topicName());
            var opMessages = operation.putArray("messages");
            for (EventType type : EventType.onTopic(topic)) {
                channelMessages.putObject(type.type()).put("$ref", "#/components/messages/" + type.type());
                opMessages.addObject().put("$ref", "#/channels/" + topic.topicName() + "/messages/" + type.type());

                ObjectNode message = messages.putObject(type.type());
                message.put("name", type.type());
                message.put("title", type.webSocketName());
                message.put(
                        "summary",
                        "ce_type " + type.type() + " on topic " + topic.topicName() + "; WebSocket "
                                + String.join(", ", type.webSocketNames()) + "; seen by "
                                + type.audience().describe());
                message.put("contentType", CloudEvent.JSON);
                message.putObject("headers").put("$ref", "#/components/schemas/CloudEventHeaders");
                message.putObject("payload")
                        .put(
                                "$ref",
                                "#/components/schemas/" + type.payloadType().getSimpleName());
                ObjectNode key =
                        message.putObject("bindings").putObject("kafka").putObject("key");
                key.put("type", "string");
                key.put("description", "aggregate id (same as ce_subject)");
                var names = message.putArray("x-websocket-names");
                type.webSocketNames().forEach(names::add);
                message.put("x-audience", type.audience().name().toLowerCase());
                addRecordSchema(schemas, type.payloadType());
            }
        }
        try {
            YAMLMapper yaml = new YAMLMapper(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.SPLIT_LINES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));
            return yaml.writeValueAsString(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode headersSchema() {
        ObjectNode s = F.objectNode();
        s.put("type", "object");
        var required = s.putArray("required");
        ObjectNode props = s.putObject("properties");
        header(props, required, CloudEvent.ID, "unique event id (UUID); consumers dedupe on it", true);
        header(props, required, CloudEvent.TYPE, "event type, e.g. signal.assigned", true);
        header(props, required, CloudEvent.SOURCE, "the service that published it, e.g. signal-service", true);
        header(props, required, CloudEvent.SUBJECT, "aggregate id (also the record key)", true);
        header(props, required, CloudEvent.TIME, "commit time of the change (RFC 3339)", true);
        header(props, required, CloudEvent.SPECVERSION, "always 1.0", true);
        header(props, required, CloudEvent.CONTENT_TYPE, "always application/json", true);
        header(props, required, CloudEvent.STARTUP_ID, "the startup the event concerns, if any", false);
        header(
                props,
                required,
                CloudEvent.AUDIENCE,
                "comma list of admin, startup (the ce_startupid startup), startups (every startup), user (the ce_userid user)",
                true);
        header(props, required, CloudEvent.USER_ID, "the one user (token sub) a user-audience event is for", false);
        header(props, required, CloudEvent.ACTOR, "who made the change: a token's sub, or system / airtable", false);
        header(
                props,
                required,
                CloudEvent.CORRELATION_ID,
                "the X-Request-Id or Idempotency-Key of the request that made the change (generated when absent)",
                false);
        header(
                props,
                required,
                CloudEvent.TRACEPARENT,
                "W3C traceparent of the span that published the event (CloudEvents distributed tracing): continue that trace",
                false);
        return s;
    }

    private static void header(
            ObjectNode props, ArrayNode required, String name, String description, boolean isRequired) {
        ObjectNode p = props.putObject(name);
        p.put("type", "string");
        p.put("description", description);
        if (isRequired) {
            required.add(name);
        }
    }

    static void addRecordSchema(ObjectNode schemas, Class<?> recordType) {
        String name = recordType.getSimpleName();
        if (schemas.has(name)) {
            return;
        }
        ObjectNode schema = schemas.putObject(name);
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        for (RecordComponent c : recordType.getRecordComponents()) {
            props.set(c.getName(), schemaOf(schemas, c.getGenericType()));
        }
    }

    private static ObjectNode schemaOf(ObjectNode schemas, Type type) {
        ObjectNode s = F.objectNode();
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            if (Collection.class.isAssignableFrom(raw)) {
                s.put("type", "array");
                s.set("items", schemaOf(schemas, p.getActualTypeArguments()[0]));
                return s;
            }
            if (Map.class.isAssignableFrom(raw)) {
                s.put("type", "object");
                Type valueType = p.getActualTypeArguments()[1];
                if (valueType != Object.class) {
                    s.set("additionalProperties", schemaOf(schemas, valueType));
                }
                return s;
            }
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            s.put("type", "string");
        } else if (c == UUID.class) {
            s.put("type", "string");
            s.put("format", "uuid");
        } else if (c == Instant.class) {
            s.put("type", "string");
            s.put("format", "date-time");
        } else if (c == LocalDate.class) {
            s.put("type", "string");
            s.put("format", "date");
        } else if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            s.put("type", "integer");
        } else if (c == double.class || c == Double.class) {
            s.put("type", "number");
        } else if (c == boolean.class || c == Boolean.class) {
            s.put("type", "boolean");
        } else if (c.isRecord()) {
            addRecordSchema(schemas, c);
            s.put("$ref", "#/components/schemas/" + c.getSimpleName());
        } else {
            throw new IllegalArgumentException("no JSON schema mapping for " + c + "; extend AsyncApi.schemaOf");
        }
        return s;
    }

    /** Writes the document into this module's resources (run from the repository root or the module). */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args.length > 0 ? args[0] : "src/main/resources/" + RESOURCE);
        Files.createDirectories(target.getParent());
        Files.writeString(target, generate());
        System.out.println("wrote " + target.toAbsolutePath());
    }
}
