package org.civstart.gateway.api;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.HdrHistogram.Histogram;
import org.civstart.gateway.GatewayMetrics;
import org.civstart.gateway.feed.Feed;
import org.civstart.gateway.session.Endpoint;

import io.quarkus.scheduler.Scheduled;

/**
 * This replica's health as the console shows it ({@code GET /api/stats}). Totals come straight from
 * {@link GatewayMetrics}; rates and latency percentiles cover the last {@value #WINDOW_SECONDS}
 * seconds, from one sample per second (rates 0 and percentiles null when nothing was delivered).
 */
@ApplicationScoped
public class StatsWindow {

    static final int WINDOW_SECONDS = 10;

    @Inject
    GatewayMetrics metrics;

    @Inject
    Feed feed;

    private final String replica = hostName();
    /** Oldest first; at most {@link #WINDOW_SECONDS} + 1 samples. */
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    private record Sample(long nanos, long eventsIn, long framesOut, Histogram latency) {}

    public record Stats(
            String replica,
            long uptimeSeconds,
            boolean consuming,
            Map<String, Integer> connections,
            long eventsInTotal,
            long framesOutTotal,
            double eventsInPerSecond,
            double framesOutPerSecond,
            Latency deliveryLatencyMs,
            long slowClientCloses,
            long deadPeerCloses,
            long kafkaLag) {}

    /** Percentiles in milliseconds over the window; null when nothing was delivered in it. */
    public record Latency(Double p50, Double p99) {}

    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void sample() {
        Histogram recycle =
                samples.size() > WINDOW_SECONDS ? samples.removeFirst().latency() : null;
        samples.addLast(new Sample(
                System.nanoTime(), metrics.eventsInTotal(), metrics.framesOutTotal(), metrics.latencySince(recycle)));
    }

    public synchronized Stats snapshot() {
        double eventsRate = 0;
        double framesRate = 0;
        Latency latency = new Latency(null, null);
        if (samples.size() >= 2) {
            Sample first = samples.peekFirst();
            Sample last = samples.peekLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            eventsRate = round((last.eventsIn() - first.eventsIn()) / seconds);
            framesRate = round((last.framesOut() - first.framesOut()) / seconds);
            Histogram all = new Histogram(first.latency().getHighestTrackableValue(), 2);
            samples.stream().skip(1).forEach(s -> all.add(s.latency())); // the first one is before the window
            if (all.getTotalCount() > 0) {
                latency = new Latency(
                        round(all.getValueAtPercentile(50) / 1000.0), round(all.getValueAtPercentile(99) / 1000.0));
            }
        }
        Map<String, Integer> connections = new LinkedHashMap<>();
        for (Endpoint e : Endpoint.values()) {
            connections.put(e.label(), metrics.connections(e));
        }
        return new Stats(
                replica,
                ManagementFactory.getRuntimeMXBean().getUptime() / 1000,
                feed.isConsuming(),
                connections,
                metrics.eventsInTotal(),
                metrics.framesOutTotal(),
                eventsRate,
                framesRate,
                latency,
                metrics.slowClientCloses(),
                metrics.deadPeerCloses(),
                feed.kafkaLag());
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME"); // the pod name in Kubernetes
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
