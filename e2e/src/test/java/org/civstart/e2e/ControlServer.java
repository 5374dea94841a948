package org.civstart.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.testing.TestTokens;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small HTTP server in the test JVM that the Node and browser tests of clients/web call to act
 * on the real system: mint tokens ({@link TestTokens}, short-lived and refused ones too), publish
 * CloudEvents to Kafka (binary mode, {@link CloudEvent#toRecord}), cut a topic's head off (to push
 * a client beyond retention), and stop, kill or start a gateway replica. Loopback only.
 *
 * <pre>
 * GET  /token?role=admin|startup&amp;sub=&amp;startupId=&amp;ttlSeconds=&amp;kind=valid|expired|forged|no-startup
 * POST /publish   {"events":[{"type":"credits.updated","subject":"…","startupId":"…","audience":"…","userId":"…","data":{…}}]}
 * POST /truncate?topic=metrics
 * POST /gateway/{name}/stop|kill|start
 * </pre>
 */
final class ControlServer implements AutoCloseable {

    /** A replica the tests may stop, kill and start again (on the same port). */
    interface Replica {
        void stop() throws Exception;

        void kill() throws Exception;

        void start() throws Exception;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final KafkaProducer<String, String> producer;
    private final Admin admin;
    private final Map<String, Replica> replicas;

    ControlServer(String bootstrapServers, Admin admin, Map<String, Replica> replicas) throws IOException {
        this.admin = admin;
        this.replicas = replicas;
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange x) throws IOException {
        try {
            String path = x.getRequestURI().getPath();
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            Object answer;
            if (path.equals("/token")) {
                answer = Map.of("token", token(q));
            } else if (path.equals("/publish") && x.getRequestMethod().equals("POST")) {
                answer = Map.of("ids", publish(JSON.readTree(x.getRequestBody())));
            } else if (path.equals("/truncate") && x.getRequestMethod().equals("POST")) {
                answer = Map.of("truncated", truncate(q.get("topic")));
            } else if (path.startsWith("/gateway/") && x.getRequestMethod().equals("POST")) {
                answer = gateway(path.substring("/gateway/".length()));
            } else {
                reply(x, 404, Map.of("error", "not-found", "message", "no such control endpoint: " + path));
                return;
            }
            reply(x, 200, answer);
        } catch (IllegalArgumentException e) {
            reply(x, 400, Map.of("error", "bad-request", "message", String.valueOf(e.getMessage())));
        } catch (Exception e) {
            e.printStackTrace();
            reply(x, 500, Map.of("error", "failed", "message", String.valueOf(e)));
        }
    }

    private static String token(Map<String, String> q) {
        String role = q.getOrDefault("role", "admin");
        String kind = q.getOrDefault("kind", "valid");
        Duration ttl = Duration.ofSeconds(Long.parseLong(q.getOrDefault("ttlSeconds", "3600")));
        String sub = q.getOrDefault("sub", role + "-" + UUID.randomUUID());
        String startupId = q.get("startupId");
        return switch (kind) {
            case "valid" -> {
                if (role.equals("startup") && startupId == null) {
                    throw new IllegalArgumentException("a startup token needs startupId");
                }
                yield TestTokens.sign(sub, Set.of(role), role.equals("startup") ? startupId : null, ttl);
            }
            case "no-startup" -> TestTokens.sign(sub, Set.of("startup"), null, ttl);
            case "expired" -> TestTokens.expiredAdmin();
            case "forged" -> TestTokens.forgedAdmin();
            default -> throw new IllegalArgumentException("kind must be valid, no-startup, expired or forged");
        };
    }

    /** Publishes CloudEvents in binary mode and waits for the broker's acknowledgement of each. */
    private List<String> publish(JsonNode body) throws Exception {
        List<String> ids = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (JsonNode e : body.path("events")) {
            EventType type = EventType.ofType(e.path("type").asText());
            if (type == null) {
                throw new IllegalArgumentException(
                        "unknown event type: " + e.path("type").asText());
            }
            String id = e.hasNonNull("id")
                    ? e.get("id").asText()
                    : UUID.randomUUID().toString();
            String startupId = text(e, "startupId");
            String audience = e.hasNonNull("audience")
                    ? e.get("audience").asText()
                    : type.audience().header(startupId);
            String subject = e.hasNonNull("subject")
                    ? e.get("subject").asText()
                    : UUID.randomUUID().toString();
            CloudEvent ce = new CloudEvent(
                    id,
                    type.type(),
                    "clients-web-it",
                    subject,
                    Instant.now(),
                    startupId,
                    audience,
                    JSON.writeValueAsString(e.path("data")),
                    text(e, "userId"),
                    text(e, "actor"),
                    text(e, "correlationId"),
                    null);
            acks.add(producer.send(ce.toRecord(type.topic().topicName())));
            ids.add(id);
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get();
        }
        return ids;
    }

    /** Deletes every record of the topic (its log start moves to the end): older positions are beyond retention. */
    private int truncate(String topic) throws Exception {
        if (topic == null) {
            throw new IllegalArgumentException("topic is required");
        }
        List<TopicPartition> partitions =
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition()))
                        .toList();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
        admin.listOffsets(latest)
                .all()
                .get()
                .forEach((tp, info) -> delete.put(tp, RecordsToDelete.beforeOffset(info.offset())));
        admin.deleteRecords(delete).all().get();
        return partitions.size();
    }

    private Map<String, Object> gateway(String rest) throws Exception {
        String[] parts = rest.split("/");
        Replica replica = parts.length == 2 ? replicas.get(parts[0]) : null;
        if (replica == null) {
            throw new IllegalArgumentException(
                    "use /gateway/{" + String.join("|", replicas.keySet()) + "}/{stop|kill|start}");
        }
        long at = System.currentTimeMillis();
        switch (parts[1]) {
            case "stop" -> replica.stop();
            case "kill" -> replica.kill();
            case "start" -> replica.start();
            default -> throw new IllegalArgumentException("action must be stop, kill or start");
        }
        return Map.of("at", at, "tookMs", System.currentTimeMillis() - at);
    }

    private static String text(JsonNode e, String field) {
        return e.hasNonNull(field) ? e.get(field).asText() : null;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return q;
    }

    private static void reply(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        producer.close(Duration.ofSeconds(5));
    }
}
