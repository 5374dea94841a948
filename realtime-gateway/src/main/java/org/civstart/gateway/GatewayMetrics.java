package org.civstart.gateway;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.civstart.events.EventType;
import org.civstart.gateway.session.Endpoint;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's Prometheus metrics: {@code gateway_connections{endpoint}},
 * {@code gateway_events_in_total{type}}, {@code gateway_frames_out_total{event}},
 * {@code gateway_delivery_latency_seconds} (ce_time → the event's frames written, histogram),
 * {@code gateway_fanout_latency_seconds} (consumed by this replica → its frames written: the replica's own share),
 * {@code gateway_slow_client_closes_total{endpoint}}, {@code gateway_dead_peer_closes_total{endpoint}},
 * {@code gateway_resumes_total{outcome}}, {@code gateway_events_skipped_total{reason}}. Per-partition
 * consumer lag comes from the Kafka client's own metrics ({@code kafka_consumer_fetch_manager_records_lag}).
 *
 * <p>Nothing here is paid per frame: frames are counted in bulk per event and name, latency is
 * recorded once per event, counters are looked up once (catalog enums index arrays).
 */
@ApplicationScoped
public class GatewayMetrics {

    private static final long MAX_LATENCY_MICROS = 60_000_000L;

    @Inject
    MeterRegistry registry;

    private final Map<Endpoint, AtomicInteger> connections = new EnumMap<>(Endpoint.class);
    private final Counter[] eventsIn = new Counter[EventType.values().length];
    /** Per event type, per WebSocket name of that type. */
    private final Counter[][] framesOut = new Counter[EventType.values().length][];

    private final Map<String, Counter> tagged = new ConcurrentHashMap<>();
    private Timer latency;
    private Timer fanout;
    /** Totals for {@code /api/stats} (the tagged counters are per type / event name). */
    private final LongAdder eventsInTotal = new LongAdder();

    private final LongAdder framesOutTotal = new LongAdder();
    private final LongAdder slowClientCloses = new LongAdder();
    private final LongAdder deadPeerCloses = new LongAdder();
    /** Delivery latency in microseconds since the last {@link #latencySince} call (1% precision, up to a minute). */
    private final Recorder recentLatency = new Recorder(MAX_LATENCY_MICROS, 2);

    @PostConstruct
    void init() {
        for (Endpoint e : Endpoint.values()) {
            AtomicInteger n = new AtomicInteger();
            connections.put(e, n);
            Gauge.builder("gateway.connections", n, AtomicInteger::get)
                    .tag("endpoint", e.label())
                    .description("open WebSocket connections")
                    .register(registry);
        }
        for (EventType type : EventType.values()) {
            eventsIn[type.ordinal()] = registry.counter("gateway.events.in", "type", type.type());
            framesOut[type.ordinal()] = new Counter[type.webSocketNames().size()];
            for (int i = 0; i < type.webSocketNames().size(); i++) {
                framesOut[type.ordinal()][i] = registry.counter(
                        "gateway.frames.out", "event", type.webSocketNames().get(i));
            }
        }
        latency = Timer.builder("gateway.delivery.latency")
                .description("event commit time (ce_time) to the event's frames written to the sockets")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        fanout = Timer.builder("gateway.fanout.latency")
                .description("event consumed from Kafka by this replica to its frames written to the sockets")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    public void opened(Endpoint e) {
        connections.get(e).incrementAndGet();
    }

    public void closed(Endpoint e) {
        connections.get(e).decrementAndGet();
    }

    public int connections(Endpoint e) {
        return connections.get(e).get();
    }

    public void eventIn(EventType type) {
        eventsInTotal.increment();
        eventsIn[type.ordinal()].increment();
    }

    /** {@code count} frames of {@code type} under its {@code nameIndex}-th WebSocket name were queued. */
    public void framesOut(EventType type, int nameIndex, int count) {
        framesOut[type.ordinal()][nameIndex].increment(count);
        framesOutTotal.add(count);
    }

    /**
     * An event's frames are written, {@code latencyMicros} after its commit time and {@code fanoutMicros}
     * after this replica routed it (the replica's own share: routing, queues, socket writes).
     */
    public void delivered(long latencyMicros, long fanoutMicros) {
        long us = Math.max(0, Math.min(MAX_LATENCY_MICROS, latencyMicros));
        latency.record(us, TimeUnit.MICROSECONDS);
        fanout.record(Math.max(0, fanoutMicros), TimeUnit.MICROSECONDS);
        recentLatency.recordValue(us);
    }

    public void slowClientClosed(Endpoint e) {
        slowClientCloses.increment();
        count("gateway.slow.client.closes", "endpoint", e.label());
    }

    public void deadPeerClosed(Endpoint e) {
        deadPeerCloses.increment();
        count("gateway.dead.peer.closes", "endpoint", e.label());
    }

    public void resumed(String outcome) {
        count("gateway.resumes", "outcome", outcome);
    }

    public void skipped(String reason) {
        count("gateway.events.skipped", "reason", reason);
    }

    private void count(String name, String tag, String value) {
        tagged.computeIfAbsent(name + '|' + value, k -> registry.counter(name, tag, value))
                .increment();
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
}
