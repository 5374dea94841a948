package org.civstart.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

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
    /** Totals for {@code /api/stats} (the tagged counters above are per type / event name). */
    private final LongAdder eventsInTotal = new LongAdder();
    private final LongAdder framesOutTotal = new LongAdder();
    private final LongAdder slowClientCloses = new LongAdder();
    private final LongAdder deadPeerCloses = new LongAdder();
    /** Delivery latency in microseconds since the last {@link #latencySince} call (1% precision, up to a minute). */
    private final Recorder recentLatency = new Recorder(MAX_LATENCY_MICROS, 2);
    private static final long MAX_LATENCY_MICROS = 60_000_000L;

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
        eventsInTotal.increment();
        eventsIn.computeIfAbsent(type, t -> registry.counter("gateway.events.in", "type", t)).increment();
    }

    void frameWritten(String eventName, Instant eventTime) {
        if (eventName != null) {
            framesOutTotal.increment();
            framesOut.computeIfAbsent(eventName, n -> registry.counter("gateway.frames.out", "event", n)).increment();
        }
        if (eventTime != null) {
            Duration d = Duration.between(eventTime, Instant.now());
            latency.record(d);
            recentLatency.recordValue(Math.max(0, Math.min(MAX_LATENCY_MICROS, d.toNanos() / 1000)));
        }
    }

    void slowClientClosed(Session.Endpoint e) {
        slowClientCloses.increment();
        registry.counter("gateway.slow.client.closes", "endpoint", e.name().toLowerCase()).increment();
    }

    void deadPeerClosed(Session.Endpoint e) {
        deadPeerCloses.increment();
        registry.counter("gateway.dead.peer.closes", "endpoint", e.name().toLowerCase()).increment();
    }

    public long eventsInTotal() {
        return eventsInTotal.sum();
    }

    public long framesOutTotal() {
        return framesOutTotal.sum();
    }

    public long slowClientCloses() {
        return slowClientCloses.sum();
    }

    public long deadPeerCloses() {
        return deadPeerCloses.sum();
    }

    /** The delivery latencies (µs) recorded since the previous call; {@code recycle} may be the one returned before. */
    public Histogram latencySince(Histogram recycle) {
        return recentLatency.getIntervalHistogram(recycle);
    }

    void resumed(String outcome) {
        registry.counter("gateway.resumes", "outcome", outcome).increment();
    }

    void skipped(String reason) {
        registry.counter("gateway.events.skipped", "reason", reason).increment();
    }
}
