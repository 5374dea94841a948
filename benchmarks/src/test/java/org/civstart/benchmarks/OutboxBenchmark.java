package org.civstart.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.civstart.events.EventType;
import org.civstart.events.payload.StartupData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.outbox.OutboxRelay;
import org.civstart.outbox.OutboxRelayService;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outbox, measured end to end on real PostgreSQL and Kafka: writer threads commit
 * transactions that fire outbox events (the services' exact path); the relay publishes them with
 * {@code acks=all}. Reports events/s committed-and-relayed and the latency the outbox adds, from
 * the writer's commit returning to the broker's acknowledgement, at 1 and 8 concurrent writers,
 * with 1 and 10 events per transaction. Prints a table, writes results/outbox.json and
 * results/outbox-*.png. Not a test: it asserts nothing about time.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "outbox_bench"))
class OutboxBenchmark {

    private static final Duration RUN = Duration.ofSeconds(Long.getLong("bench.seconds", 10));

    @Inject
    BenchWriter writer;

    @Inject
    OutboxRelayService relayService;

    record Row(
            int writers,
            int eventsPerTx,
            String offered,
            long events,
            double seconds,
            double eventsPerSecond,
            double p50ms,
            double p99ms,
            double p999ms,
            double maxMs) {}

    @Test
    void run() throws Exception {
        OutboxRelay relay = relayService.relay();
        Map<String, Long> commits = new ConcurrentHashMap<>();
        Map<String, Long> acks = new ConcurrentHashMap<>();
        relay.ackListener((id, nanos) -> acks.put(id, nanos));

        measure(writer, commits, acks, 4, 1, 0, Duration.ofSeconds(3)); // warm-up: JIT, pools, producer
        List<Row> rows = new ArrayList<>();
        // as fast as the writers can commit (closed loop): the throughput ceiling
        for (int eventsPerTx : new int[] {1, 10}) {
            for (int writers : new int[] {1, 8}) {
                rows.add(measure(writer, commits, acks, writers, eventsPerTx, 0, RUN));
            }
        }
        // a steady offered load below the ceiling: the latency the outbox adds in normal operation
        for (int rate : new int[] {1000, 5000, 10000}) {
            rows.add(measure(writer, commits, acks, 8, 1, rate, RUN));
        }
        relay.ackListener(null);
        double[] phases = relay.phaseSeconds();
        System.out.printf("relay time: read %.1f s, publish %.1f s, delete %.1f s%n", phases[0], phases[1], phases[2]);

        System.out.println();
        System.out.println("Outbox benchmark (" + Results.machine() + ", real PostgreSQL 17 + Kafka 4.1 in-process, "
                + RUN.toSeconds() + " s per row)");
        System.out.println(
                "| writers | events/tx | offered load | events | events/s committed+relayed | commit→ack p50 | p99 | p99.9 | max |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(
                    "| %d | %d | %s | %d | %,.0f | %.2f ms | %.2f ms | %.2f ms | %.2f ms |%n",
                    r.writers(),
                    r.eventsPerTx(),
                    r.offered(),
                    r.events(),
                    r.eventsPerSecond(),
                    r.p50ms(),
                    r.p99ms(),
                    r.p999ms(),
                    r.maxMs());
        }
        Results.json("outbox", Map.of("machine", Results.machine(), "secondsPerRow", RUN.toSeconds(), "rows", rows));
        Map<String, Map<String, Double>> throughput = new LinkedHashMap<>();
        Map<String, Map<String, Double>> latency = new LinkedHashMap<>();
        for (Row r : rows) {
            String category = r.writers() + "w " + r.eventsPerTx() + "/tx " + r.offered();
            throughput.computeIfAbsent("events/s", k -> new LinkedHashMap<>()).put(category, r.eventsPerSecond());
            latency.computeIfAbsent("p50", k -> new LinkedHashMap<>()).put(category, r.p50ms());
            latency.computeIfAbsent("p99", k -> new LinkedHashMap<>()).put(category, r.p99ms());
            latency.computeIfAbsent("p99.9", k -> new LinkedHashMap<>()).put(category, r.p999ms());
        }
        Results.barChart(
                "outbox-throughput.png", "Outbox: events committed and relayed per second", "", "events/s", throughput);
        Results.barChart("outbox-latency.png", "Outbox: commit → broker ack latency", "", "ms", latency);
    }

    /** @param rate events per second offered by all writers together; 0 = as fast as they can */
    private static Row measure(
            BenchWriter writer,
            Map<String, Long> commits,
            Map<String, Long> acks,
            int writers,
            int eventsPerTx,
            int rate,
            Duration duration)
            throws Exception {
        commits.clear();
        acks.clear();
        AtomicLong committed = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch done = new CountDownLatch(writers);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int w = 0; w < writers; w++) {
            int seed = w;
            pool.execute(() -> {
                try {
                    int n = 0;
                    long intervalNanos = rate == 0 ? 0 : 1_000_000_000L * writers * eventsPerTx / rate;
                    long next = System.nanoTime();
                    while (System.nanoTime() < end) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            long sleep = next - System.nanoTime();
                            if (sleep > 0) {
                                LockSupport.parkNanos(sleep);
                            }
                        }
                        List<OutboxEvent> batch = new ArrayList<>(eventsPerTx);
                        for (int i = 0; i < eventsPerTx; i++) {
                            String aggregate = "agg-" + ((seed * 7919 + n++) % 100);
                            batch.add(OutboxEvent.of(
                                    EventType.STARTUP_UPDATED,
                                    aggregate,
                                    null,
                                    new StartupData(null, aggregate, List.of("govtech"), "growth", null, null)));
                        }
                        writer.commit(batch);
                        long now = System.nanoTime();
                        for (OutboxEvent e : batch) {
                            commits.put(e.id().toString(), now);
                        }
                        committed.addAndGet(eventsPerTx);
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        long total = committed.get();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acks.size() < total && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        long lastAck = acks.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        Histogram h = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
        commits.forEach((id, committedAt) -> {
            Long ackedAt = acks.get(id);
            if (ackedAt != null) {
                // the relay may ack before the writer thread noted its commit: that is zero added latency
                h.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(ackedAt - committedAt)));
            }
        });
        double seconds = (lastAck - start) / 1e9;
        return new Row(
                writers,
                eventsPerTx,
                rate == 0 ? "max" : rate + "/s",
                total,
                seconds,
                total / seconds,
                h.getValueAtPercentile(50) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0,
                h.getValueAtPercentile(99.9) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    static String id() {
        return UUID.randomUUID().toString();
    }
}
