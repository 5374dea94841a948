package org.civstart.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's Prometheus metrics: {@code gateway_connections{endpoint}},
 * {@code gateway_events_in_total{type}}, {@code gateway_frames_out_total{event}},
 * {@code gateway_delivery_latency_seconds} (ce_time → frame written, live frames, histogram),
 * {@code gateway_slow_client_closes_total{endpoint}}, {@code gateway_resumes_total{outcome}},
 * {@code gateway_events_skipped_total{reason}}, {@code gateway_dead_peer_closes_total{endpoint}}. Per-partition consumer lag comes from the Kafka
 * client's own metrics ({@code kafka_consumer_fetch_manager_records_lag}).
 */
@ApplicationScoped
public class GatewayMetrics {

    @Inject
    MeterRegistry registry;

    private final Map<Session.Endpoint, AtomicInteger> connections = new ConcurrentHashMap<>();
    private final Map<String, Counter> framesOut = new ConcurrentHashMap<>();
    private final Map<String, Counter> eventsIn = new ConcurrentHashMap<>();
    private Timer latency;

    @PostConstruct
    void init() {
        for (Session.Endpoint e : Session.Endpoint.values()) {
            AtomicInteger n = new AtomicInteger();
            connections.put(e, n);
            Gauge.builder("gateway.connections", n, AtomicInteger::get).tag("endpoint", e.name().toLowerCase())
                    .description("open WebSocket connections").register(registry);
        }
        latency = Timer.builder("gateway.delivery.latency")
                .description("event commit time (ce_time) to frame written to the socket")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry);
    }

    void opened(Session.Endpoint e) {
        connections.get(e).incrementAndGet();
    }

    void closed(Session.Endpoint e) {
        connections.get(e).decrementAndGet();
    }

    public int connections(Session.Endpoint e) {
        return connections.get(e).get();
    }

    void eventIn(String type) {
        eventsIn.computeIfAbsent(type, t -> registry.counter("gateway.events.in", "type", t)).increment();
    }

    void frameWritten(String eventName, Instant eventTime) {
        if (eventName != null) {
            framesOut.computeIfAbsent(eventName, n -> registry.counter("gateway.frames.out", "event", n)).increment();
        }
        if (eventTime != null) {
            latency.record(Duration.between(eventTime, Instant.now()));
        }
    }

    void slowClientClosed(Session.Endpoint e) {
        registry.counter("gateway.slow.client.closes", "endpoint", e.name().toLowerCase()).increment();
    }

    void deadPeerClosed(Session.Endpoint e) {
        registry.counter("gateway.dead.peer.closes", "endpoint", e.name().toLowerCase()).increment();
    }

    void resumed(String outcome) {
        registry.counter("gateway.resumes", "outcome", outcome).increment();
    }

    void skipped(String reason) {
        registry.counter("gateway.events.skipped", "reason", reason).increment();
    }
}
