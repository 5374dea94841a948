package org.civstart.events;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Generates the AsyncAPI 3 document of the realtime gateway's WebSocket side from the
 * {@link EventType} catalog: the channels {@code /admin} and {@code /client}, every event frame
 * each can carry (one message per WebSocket name, legacy aliases included), the gateway's
 * {@code system:*} frames, and the client operations ({@code subscribe}, {@code resume},
 * {@code ping}). The document describes the gateway: {@code send} operations are frames it sends,
 * {@code receive} operations frames it accepts. Committed at {@link #RESOURCE}; a test fails when it
 * is stale. Regenerate with {@code ./mvnw -q -pl platform/events compile exec:java}.
 */
public final class WebSocketAsyncApi {

    public static final String RESOURCE = "META-INF/resources/asyncapi/civstart-websocket.yaml";
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WebSocketAsyncApi() {}

    public static String generate() {
        ObjectNode doc = F.objectNode();
        doc.put("asyncapi", "3.0.0");
        ObjectNode info = doc.putObject("info");
        info.put("title", "CivStart realtime gateway WebSocket API");
        info.put("version", "1.0.0");
        info.put("description", """
                The realtime gateway fans the platform's events out to browsers. Connect to /admin (role admin) \
                or /client (role startup, token claim startup_id: the room always comes from the token). The bearer \
                token travels in the Sec-WebSocket-Protocol header (subprotocols bearer-token-carrier and \
                quarkus-http-upgrade#Authorization#Bearer%20<token>), as ?access_token=, or as an Authorization \
                header; a missing, expired or wrong-role token is refused at the upgrade (401/403), and \
                GET /api/token-check?endpoint=admin|client tells a browser which (it only sees close 1006). \
                Resume: keep the position of the last event frame (or system:resumed) you handled and reconnect \
                with ?position=<it>, or send resume as the first frame: every event you missed follows, in order, \
                then system:resumed, then live events; system:resyncRequired when the gap is beyond Kafka's retention. \
                The positions of system:welcome and system:heartbeat are informational: never resume from them while \
                a resume is in flight. Close codes: 1001 gateway going away, 1008 token expired (reconnect with a \
                fresh token), 1009 client frame too large, 4001 no pong (dead peer), 4008 slow consumer; every \
                close invites a reconnect with resume. The browser SDK @civstart/realtime (clients/web) implements \
                all of this. Event payload schemas are the same as in civstart-events.yaml.""");
        doc.put("defaultContentType", CloudEvent.JSON);
        ObjectNode servers = doc.putObject("servers");
        ObjectNode server = servers.putObject("gateway");
        server.put("host", "localhost:8080");
        server.put("protocol", "ws");
        server.put(
                "description",
                "The realtime gateway (wss behind the Ingress in Kubernetes; ws://localhost:8080 in the local stack)");

        ObjectNode channels = doc.putObject("channels");
        ObjectNode operations = doc.putObject("operations");
        ObjectNode components = doc.putObject("components");
        ObjectNode messages = components.putObject("messages");
        ObjectNode schemas = components.putObject("schemas");

        systemMessages(messages);
        clientMessages(messages);
        for (EventType type : EventType.values()) {
            AsyncApi.addRecordSchema(schemas, type.payloadType());
            for (String name : type.webSocketNames()) {
                messages.set(key(name), eventMessage(type, name));
            }
        }
        channel(
                channels,
                operations,
                "admin",
                "/admin",
                "Admins: every event whose audience includes admins (filterable by event pattern, startup and signal).",
                true);
        channel(
                channels,
                operations,
                "client",
                "/client",
                "A startup's users: its own events (ce_startupid = the token's startup_id) and public ones (audience startups).",
                false);
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

    private static final List<String> SYSTEM_FRAMES = List.of(
            "system:welcome",
            "system:heartbeat",
            "system:subscribed",
            "system:resumed",
            "system:resyncRequired",
            "system:error");
    private static final List<String> CLIENT_OPS = List.of("subscribe", "resume", "ping");

    private static void channel(
            ObjectNode channels, ObjectNode operations, String id, String address, String description, boolean admin) {
        ObjectNode channel = channels.putObject(id);
        channel.put("address", address);
        channel.put("description", description);
        ObjectNode query = channel.putObject("bindings").putObject("ws").putObject("query");
        query.put("type", "object");
        ObjectNode q = query.putObject("properties");
        q.putObject("access_token")
                .put("type", "string")
                .put("description", "the bearer token (when not sent as a subprotocol or header)");
        q.putObject("position")
                .put("type", "string")
                .put("description", "resume from this position at once (the welcome then carries it)");
        ObjectNode channelMessages = channel.putObject("messages");
        List<String> sent = new ArrayList<>(SYSTEM_FRAMES);
        for (EventType type : EventType.values()) {
            if (reaches(type.audience(), admin)) {
                sent.addAll(type.webSocketNames());
            }
        }
        for (String name : sent) {
            channelMessages.putObject(key(name)).put("$ref", "#/components/messages/" + key(name));
        }
        for (String op : CLIENT_OPS) {
            channelMessages.putObject(op).put("$ref", "#/components/messages/" + op);
        }
        ObjectNode send = operations.putObject("send-" + id);
        send.put("action", "send");
        send.put("summary", "frames the gateway sends on " + address);
        send.putObject("channel").put("$ref", "#/channels/" + id);
        ArrayNode sendMessages = send.putArray("messages");
        sent.forEach(name -> sendMessages.addObject().put("$ref", "#/channels/" + id + "/messages/" + key(name)));
        ObjectNode receive = operations.putObject("receive-" + id);
        receive.put("action", "receive");
        receive.put(
                "summary",
                "client operations the gateway accepts on " + address
                        + " (a bad frame gets system:error; the connection lives on)");
        receive.putObject("channel").put("$ref", "#/channels/" + id);
        ArrayNode receiveMessages = receive.putArray("messages");
        CLIENT_OPS.forEach(op -> receiveMessages.addObject().put("$ref", "#/channels/" + id + "/messages/" + op));
    }

    /** Whether an event of this audience can reach a socket of /admin ({@code admin}) or /client. */
    static boolean reaches(Audience audience, boolean admin) {
        List<String> tokens = List.of(audience.header("any-startup").split(","));
        if (tokens.contains(Audience.USER_TOKEN)) {
            return true; // the one user, on whichever endpoint they are connected
        }
        return admin
                ? tokens.contains(Audience.ADMIN_TOKEN)
                : tokens.contains(Audience.STARTUP_TOKEN) || tokens.contains(Audience.ALL_STARTUPS_TOKEN);
    }

    /** Component keys may only hold [A-Za-z0-9.-_]: {@code signal:assigned} → {@code signal.assigned}. */
    private static String key(String name) {
        return name.replace(':', '.');
    }

    private static ObjectNode eventMessage(EventType type, String name) {
        ObjectNode m = F.objectNode();
        m.put("name", name);
        m.put("title", name);
        boolean alias = !name.equals(type.webSocketName());
        m.put(
                "summary",
                (alias ? "legacy alias of " + type.webSocketName() + " (a second frame with the same id); " : "")
                        + "ce_type " + type.type() + " on topic " + type.topic().topicName() + "; seen by "
                        + type.audience().describe());
        ObjectNode payload = m.putObject("payload");
        payload.put("type", "object");
        ArrayNode required = payload.putArray("required");
        List.of("event", "id", "position", "time", "data").forEach(required::add);
        ObjectNode p = payload.putObject("properties");
        p.putObject("event").put("const", name);
        p.putObject("id")
                .put("type", "string")
                .put("description", "ce_id: the same for every name of one event; dedupe on it");
        p.putObject("position").put("type", "string").put("description", "resume position just after this event");
        p.putObject("time")
                .put("type", "string")
                .put("format", "date-time")
                .put("description", "commit time (ce_time)");
        p.putObject("actor").put("type", "string").put("description", "who made the change (ce_actor), when known");
        p.putObject("correlationId")
                .put("type", "string")
                .put("description", "the request that caused it (ce_correlationid), when known");
        p.putObject("data")
                .put("$ref", "#/components/schemas/" + type.payloadType().getSimpleName());
        m.putArray("x-names-of-this-event")
                .addAll(type.webSocketNames().stream().map(F::textNode).toList());
        return m;
    }

    private static void systemMessages(ObjectNode messages) {
        system(
                messages,
                "system:welcome",
                "on connect; position = the requested ?position= if given, else the live head (informational)",
                props(
                        "connectionId",
                        "string",
                        "endpoint",
                        "string",
                        "startupId",
                        "string",
                        "userId",
                        "string",
                        "resume",
                        "string"));
        system(
                messages,
                "system:heartbeat",
                "every heartbeat interval while live, and in answer to ping; position = the live head (informational)",
                F.objectNode());
        system(
                messages,
                "system:subscribed",
                "the filter now in force",
                props("events", "array", "startups", "array", "signals", "array"));
        system(
                messages,
                "system:resumed",
                "a resume finished; position = where the client now is (save it)",
                props("replayed", "integer", "source", "string"));
        system(
                messages,
                "system:resyncRequired",
                "what the client missed is gone from Kafka: refetch over REST, then continue from position",
                props("reason", "string"));
        system(
                messages,
                "system:error",
                "a bad client frame; the connection lives on",
                props("code", "string", "message", "string"));
    }

    private static ObjectNode props(String... pairs) {
        ObjectNode p = F.objectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            ObjectNode s = p.putObject(pairs[i]);
            s.put("type", pairs[i + 1]);
            if (pairs[i + 1].equals("array")) {
                s.putObject("items").put("type", "string");
            }
        }
        return p;
    }

    private static void system(ObjectNode messages, String name, String summary, ObjectNode dataProps) {
        ObjectNode m = messages.putObject(key(name));
        m.put("name", name);
        m.put("summary", summary);
        ObjectNode payload = m.putObject("payload");
        payload.put("type", "object");
        ObjectNode p = payload.putObject("properties");
        p.putObject("event").put("const", name);
        p.putObject("position").put("type", "string");
        p.putObject("time").put("type", "string").put("format", "date-time");
        ObjectNode data = p.putObject("data");
        data.put("type", "object");
        data.set("properties", dataProps);
    }

    private static void clientMessages(ObjectNode messages) {
        ObjectNode sub = clientOp(
                messages,
                "subscribe",
                "replace the connection's filter; patterns are names or prefixes ending in *; empty = everything");
        ObjectNode sp = (ObjectNode) sub.get("payload").get("properties");
        sp.putObject("events")
                .put("type", "array")
                .put("maxItems", 100)
                .putObject("items")
                .put("type", "string");
        sp.putObject("startups")
                .put("type", "array")
                .put("description", "admins only")
                .putObject("items")
                .put("type", "string");
        sp.putObject("signals")
                .put("type", "array")
                .put("description", "admins only")
                .putObject("items")
                .put("type", "string");
        ObjectNode resume =
                clientOp(messages, "resume", "first frame of a reconnecting client (or connect with ?position=)");
        ((ObjectNode) resume.get("payload").get("properties"))
                .putObject("position")
                .put("type", "string");
        ((ArrayNode) resume.get("payload").get("required")).add("position");
        clientOp(messages, "ping", "answered with system:heartbeat");
    }

    private static ObjectNode clientOp(ObjectNode messages, String op, String summary) {
        ObjectNode m = messages.putObject(op);
        m.put("name", op);
        m.put("summary", summary);
        ObjectNode payload = m.putObject("payload");
        payload.put("type", "object");
        payload.putArray("required").add("op");
        payload.putObject("properties").putObject("op").put("const", op);
        return m;
    }
}
