package org.civstart.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.infra.OtlpReceiver;
import org.civstart.infra.OtlpReceiver.ReceivedSpan;
import org.civstart.peer.airtable.DemoBase;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One trace from a REST call to the WebSocket frame, and where the time of each consume-then-republish
 * hop goes. The four packaged services run as processes on real Kafka and PostgreSQL and export their
 * spans over OTLP/HTTP to a real receiver ({@link OtlpReceiver}, what an OpenTelemetry collector
 * speaks), the one property {@code civstart.tracing.otlp-endpoint} set.
 *
 * <p>The hop figures (upstream commit = {@code ce_time} → the downstream event published to Kafka) are
 * printed and written to {@code target/hops.json}, never asserted; {@code benchmarks/run hops} runs more
 * of them ({@code -Dhops.edits}, {@code -Dhops.assignments}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TraceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Services services = new Services();
    private static final String admin = TestTokens.admin("trace-admin");

    private static OtlpReceiver otlp;
    /** The four services and their peers (Airtable, SMTP). */
    private static Services.Stack stack;

    @BeforeAll
    static void startEverything() throws Exception {
        otlp = OtlpReceiver.start(0);
        stack = services.startAll(
                "trace",
                Map.of("civstart.tracing.otlp-endpoint", otlp.endpoint(), "quarkus.otel.bsp.schedule.delay", "100ms"),
                TraceIT::extraFor);
    }

    /** What {@code -Dhops.extra=module:key=value,...} names for {@code module} (experiments). */
    private static Map<String, String> extraFor(String module) {
        Map<String, String> config = new HashMap<>();
        for (String item : System.getProperty("hops.extra", "").split(",")) {
            if (item.startsWith(module + ":") && item.contains("=")) {
                String kv = item.substring(module.length() + 1);
                config.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
        }
        return config;
    }

    @AfterAll
    static void stopEverything() {
        services.close();
        if (otlp != null) {
            otlp.close();
        }
    }

    @Test
    @Order(1)
    void oneAssignmentIsOneTraceFromTheRestCallToTheFrames() {
        String startup = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/startups",
                        admin,
                        Map.of("name", "Trace Co", "sectors", List.of("drones")))
                .path("id")
                .asText();
        String signalId = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/signals",
                        admin,
                        Map.of(
                                "title",
                                "Navy seeks hull drones",
                                "sectors",
                                List.of("drones"),
                                "status",
                                "pending_review"))
                .path("id")
                .asText();
        Rest.ok(
                stack.signal(),
                "POST",
                "/api/signals/" + signalId + "/transitions",
                admin,
                Map.of("status", "approved"));
        try (WsClient client =
                        WsClient.connect(stack.gateway().ws("/client"), TestTokens.startup(UUID.fromString(startup)));
                WsClient adminSocket = WsClient.connect(stack.gateway().ws("/admin"), admin)) {
            // live now (a new connection is otherwise caught up for its first 250 ms, by the replay path)
            for (WsClient socket : List.of(client, adminSocket)) {
                socket.awaitEvent("system:welcome");
                socket.send("{\"op\":\"subscribe\",\"events\":[]}");
                socket.awaitEvent("system:subscribed");
            }

            Rest.ok(
                    stack.signal(),
                    "POST",
                    "/api/signals/" + signalId + "/assignments",
                    admin,
                    Map.of("startupIds", List.of(startup)));
            client.await(f -> "signal:assigned".equals(f.path("event").asText()));
            client.await(f -> "notification:new".equals(f.path("event").asText()));

            // the REST request's span in signal-service is the root of the trace
            ReceivedSpan request = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> otlp.spans().stream()
                                    .filter(sp -> sp.service().equals("signal-service")
                                            && sp.kind().equals("SERVER")
                                            && sp.name().startsWith("POST")
                                            && sp.name().contains("assignments"))
                                    .findFirst()
                                    .orElse(null),
                            sp -> sp != null);
            String traceId = request.traceId();
            // the same trace holds: the outbox publishing, notification-service consuming it and publishing its
            // notification, and the gateway routing both the assignment and the notification to the sockets
            List<String> expected = List.of(
                    "signal-service|publish signals",
                    "signal-service|publish assignments",
                    "notification-service|consume assignment.created",
                    "notification-service|publish notifications",
                    "realtime-gateway|route signal.assigned",
                    "realtime-gateway|route assignment.created",
                    "realtime-gateway|route notification.new");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(otlp.trace(traceId))
                            .extracting(sp -> sp.service() + "|" + sp.name())
                            .containsAll(expected));

            List<ReceivedSpan> trace = otlp.trace(traceId);
            Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
            assertThat(trace)
                    .as("one connected tree: every span's parent is in the trace, but the request's")
                    .allSatisfy(sp -> assertThat(sp == request || ids.contains(sp.parentSpanId()))
                            .as(sp.service() + " " + sp.name())
                            .isTrue());
            ReceivedSpan route = trace.stream()
                    .filter(sp -> sp.name().equals("route signal.assigned"))
                    .findFirst()
                    .orElseThrow();
            assertThat(route.attributes().get("civstart.gateway.frames"))
                    .as("the gateway records the frames it wrote")
                    .isNotNull()
                    .isNotEqualTo("0");
            System.out.println("One assignment, one trace " + traceId + ":");
            print(trace, request, 1);
        }
    }

    /** Prints the span tree under {@code span}, each with its start offset and duration. */
    private static void print(List<ReceivedSpan> trace, ReceivedSpan span, int depth) {
        ReceivedSpan root = trace.stream()
                .min(Comparator.comparingLong(ReceivedSpan::startNanos))
                .orElseThrow();
        String event = span.attributes().getOrDefault("messaging.message.id", "");
        System.out.printf(
                "  %s%-40s %-22s +%7.1f ms %7.1f ms %s%n",
                "  ".repeat(depth - 1),
                span.name(),
                span.service(),
                (span.startNanos() - root.startNanos()) / 1e6,
                span.millis(),
                event.isEmpty() ? "" : "event " + event.substring(0, 8));
        trace.stream()
                .filter(c -> c.parentSpanId().equals(span.spanId()))
                .sorted(Comparator.comparingLong(ReceivedSpan::startNanos))
                .forEach(c -> print(trace, c, depth + 1));
    }

    @Test
    @Order(2)
    void consumeThenRepublishHopsAreMeasuredAndExplained() throws IOException {
        int edits = Integer.getInteger("hops.edits", 15);
        int assignments = Integer.getInteger("hops.assignments", 15);
        // the same paths once unmeasured first: the figures are of warm services, not of their JIT warm-up
        hops(Integer.getInteger("hops.warmup", 10), Integer.getInteger("hops.warmup", 10), "warm-up ");
        pause(2000);
        try (EventRecorder kafka = EventRecorder.on()) {
            hops(edits, assignments, "");
            kafka.await(
                    edits,
                    r -> EventType.SIGNAL_CREATED.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE))
                            && "airtable".equals(CloudEvent.header(r.headers(), CloudEvent.ACTOR))
                            && r.value().contains("Hop ")
                            && !r.value().contains("warm-up"));
            kafka.await(
                    assignments,
                    r -> EventType.NOTIFICATION_NEW.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE))
                            && isAssignmentNotice(r));
            pause(500); // the last spans' export

            ObjectNode results = JSON.createObjectNode();
            results.put("machine", Runtime.getRuntime().availableProcessors() + " cores");
            results.put("measured", Instant.now().toString());
            results.set(
                    "airtableToSignalService",
                    hop(
                            "Airtable → signal-service (airtable.signal.synced → signal.created)",
                            kafka.records(),
                            EventType.AIRTABLE_SIGNAL_SYNCED,
                            EventType.SIGNAL_CREATED,
                            "signal-service"));
            results.set(
                    "domainToNotificationService",
                    hop(
                            "REST → notification-service (assignment.created → notification.new)",
                            kafka.records(),
                            EventType.ASSIGNMENT_CREATED,
                            EventType.NOTIFICATION_NEW,
                            "notification-service"));
            Path out = Path.of("target", "hops.json");
            Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
            System.out.println("hops written to " + out.toAbsolutePath());
            assertThat(results.path("airtableToSignalService").path("hops").asInt())
                    .isEqualTo(edits);
            assertThat(results.path("domainToNotificationService").path("hops").asInt())
                    .isGreaterThanOrEqualTo(assignments);
        }
    }

    /** Staff's Airtable edits one by one, then admin assignments one by one (each hop in isolation). */
    private static void hops(int edits, int assignments, String label) {
        // Airtable → sync-service (airtable.signal.synced) → signal-service (signal.created): staff's edits one by one
        String base = FakeAirtable.newBaseId();
        String webhook = Rest.ok(stack.sync(), "POST", "/admin/airtable/webhooks", admin, Map.of("baseId", base))
                .path("id")
                .asText();
        for (int i = 0; i < edits; i++) {
            stack.airtable()
                    .create(
                            base,
                            DemoBase.Table.SIGNALS.id(),
                            DemoBase.cells(
                                    DemoBase.Table.SIGNALS,
                                    Map.of(
                                            "title",
                                            label + "Hop " + i,
                                            "agency",
                                            "Port of Oakland",
                                            "sectors",
                                            "drones")));
            assertThat(stack.airtable().ping(webhook)).isEqualTo(204);
            pause(150);
        }
        // REST → signal-service (signal.assigned) → notification-service (notification.new)
        String startup = Rest.ok(
                        stack.signal(),
                        "POST",
                        "/api/startups",
                        admin,
                        Map.of("name", label + "Hop Co", "sectors", List.of("drones")))
                .path("id")
                .asText();
        for (int i = 0; i < assignments; i++) {
            String signalId = Rest.ok(
                            stack.signal(),
                            "POST",
                            "/api/signals",
                            admin,
                            Map.of(
                                    "title",
                                    label + "Hop signal " + i,
                                    "sectors",
                                    List.of("drones"),
                                    "status",
                                    "pending_review"))
                    .path("id")
                    .asText();
            Rest.ok(
                    stack.signal(),
                    "POST",
                    "/api/signals/" + signalId + "/transitions",
                    admin,
                    Map.of("status", "approved"));
            Rest.ok(
                    stack.signal(),
                    "POST",
                    "/api/signals/" + signalId + "/assignments",
                    admin,
                    Map.of("startupIds", List.of(startup)));
            pause(150);
        }
    }

    private static boolean isAssignmentNotice(ConsumerRecord<String, String> r) {
        return r.value() != null
                && r.value().contains("Hop signal")
                && !r.value().contains("warm-up");
    }

    /**
     * Pairs each upstream event with the downstream event it caused (same correlation id: consumers carry
     * it forward) and measures upstream commit ({@code ce_time}) → downstream record published (its Kafka
     * timestamp, set by the relay's send). The spans of the same trace split each hop: upstream outbox
     * (commit → broker ack), Kafka → consumer (ack → consume span start), the consumer's work (its span),
     * downstream outbox (downstream publish span).
     */
    private static ObjectNode hop(
            String title,
            List<ConsumerRecord<String, String>> records,
            EventType upstream,
            EventType downstream,
            String consumer) {
        Map<String, CloudEvent> upstreamByCorrelation = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            CloudEvent e = CloudEvent.of(r);
            if (e.type().equals(upstream.type())) {
                upstreamByCorrelation.putIfAbsent(e.correlationId() != null ? e.correlationId() : e.id(), e);
            }
        }
        List<Double> hops = new ArrayList<>();
        List<double[]> parts = new ArrayList<>();
        String slowestTrace = null;
        double slowest = -1;
        for (ConsumerRecord<String, String> r : records) {
            CloudEvent e = CloudEvent.of(r);
            if (!e.type().equals(downstream.type()) || e.correlationId() == null) {
                continue;
            }
            CloudEvent cause = upstreamByCorrelation.remove(e.correlationId());
            if (cause == null) {
                continue;
            }
            double ms = r.timestamp() - cause.time().toEpochMilli();
            hops.add(ms);
            if (ms > slowest && traceId(cause.traceparent()) != null) {
                slowest = ms;
                slowestTrace = traceId(cause.traceparent());
            }
            double[] split = split(cause, e, consumer);
            if (split != null) {
                parts.add(split);
            }
        }
        hops.sort(Double::compare);
        ObjectNode o = JSON.createObjectNode();
        o.put("hops", hops.size());
        o.put("p50Ms", percentile(hops, 50));
        o.put("p90Ms", percentile(hops, 90));
        o.put("p99Ms", percentile(hops, 99));
        o.put("maxMs", hops.isEmpty() ? 0 : hops.get(hops.size() - 1));
        String[] names = {"upstreamOutboxMs", "kafkaToConsumerMs", "consumerWorkMs", "downstreamOutboxMs"};
        ObjectNode split = o.putObject("meanSplit");
        for (int i = 0; i < names.length; i++) {
            int k = i;
            split.put(names[i], parts.stream().mapToDouble(p -> p[k]).average().orElse(Double.NaN));
        }
        o.put("tracedHops", parts.size());
        System.out.printf(
                "HOP %s: n=%d p50=%.0f ms p90=%.0f ms p99=%.0f ms max=%.0f ms; mean split (%d traced): "
                        + "upstream outbox %.1f, Kafka→consumer %.1f, consumer work %.1f, downstream outbox %.1f ms%n",
                title,
                hops.size(),
                o.path("p50Ms").asDouble(),
                o.path("p90Ms").asDouble(),
                o.path("p99Ms").asDouble(),
                o.path("maxMs").asDouble(),
                parts.size(),
                split.path(names[0]).asDouble(),
                split.path(names[1]).asDouble(),
                split.path(names[2]).asDouble(),
                split.path(names[3]).asDouble());
        if (slowestTrace != null) {
            List<ReceivedSpan> trace = otlp.trace(slowestTrace);
            System.out.printf("  the slowest (%.0f ms), trace %s:%n", slowest, slowestTrace);
            trace.stream()
                    .filter(sp -> sp.parentSpanId().isEmpty()
                            || trace.stream().noneMatch(p -> p.spanId().equals(sp.parentSpanId())))
                    .forEach(root -> print(trace, root, 2));
        }
        return o;
    }

    /** The hop's four parts from the trace, or null when its spans are not all there. */
    private static double[] split(CloudEvent cause, CloudEvent effect, String consumer) {
        String traceId = traceId(cause.traceparent());
        if (traceId == null) {
            return null;
        }
        List<ReceivedSpan> trace = otlp.trace(traceId);
        ReceivedSpan upstreamPublish = byEvent(trace, "publish", cause.id());
        ReceivedSpan consume = trace.stream()
                .filter(sp -> sp.service().equals(consumer)
                        && sp.name().equals("consume " + cause.type())
                        && cause.id().equals(sp.attributes().get("cloudevents.event_id")))
                .reduce((a, b) -> b)
                .orElse(null);
        ReceivedSpan downstreamPublish = byEvent(trace, "publish", effect.id());
        if (upstreamPublish == null || consume == null || downstreamPublish == null) {
            return null;
        }
        return new double[] {
            upstreamPublish.millis(),
            (consume.startNanos() - upstreamPublish.endNanos()) / 1e6,
            consume.millis(),
            downstreamPublish.millis()
        };
    }

    private static ReceivedSpan byEvent(List<ReceivedSpan> trace, String prefix, String eventId) {
        return trace.stream()
                .filter(sp -> sp.name().startsWith(prefix)
                        && eventId.equals(sp.attributes().get("messaging.message.id")))
                .findFirst()
                .orElse(null);
    }

    private static String traceId(String traceparent) {
        return traceparent == null || traceparent.length() < 35 ? null : traceparent.substring(3, 35);
    }

    private static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
