package org.civstart.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.sync.support.Fixtures.SIGNALS;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.Topic;
import org.civstart.peer.airtable.FakeAirtable;
import org.civstart.sync.support.AirtableFixture;
import org.civstart.sync.support.Fixtures;
import org.civstart.sync.support.SyncTest;
import org.civstart.testing.Infrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints the ping → event latency: from the moment the Airtable peer sends a signed ping to the
 * moment the {@code airtable.signal.synced} record arrives at a Kafka consumer (verify MAC, store the
 * ping, acknowledge, fetch the payload page from the peer, apply it with the cursor in one
 * transaction, outbox relay to Kafka, consumer fetch). One change per ping, one ping at a time,
 * paced so that no base exceeds Airtable's 5 requests/s (rate-limit waits would otherwise be
 * measured). Also prints the time to acknowledge the ping. Not an assertion: numbers only.
 *
 * <pre>./mvnw -B -q -pl sync-service verify -Dbenchmark=true -Dtest=PingLatencyBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * cat sync-service/target/ping-latency.txt</pre>
 */
@SyncTest
@EnabledIfSystemProperty(named = "benchmark", matches = "true")
class PingLatencyBenchmark extends AirtableFixture {

    static final int WARMUP = 50;
    static final int PINGS = Integer.getInteger("benchmark.pings", 300);
    static final int BASES = 4;
    static final long SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(100); // each base: one ping per 400 ms

    @Test
    void pingToEventLatency() throws Exception {
        List<String> bases = new ArrayList<>();
        List<String> webhooks = new ArrayList<>();
        for (int i = 0; i < BASES; i++) {
            bases.add(FakeAirtable.newBaseId());
            webhooks.add(Fixtures.registerWebhook(bases.get(i), SIGNALS));
        }
        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        try (Arrivals consumer = new Arrivals(arrivals)) {
            long[] latency = new long[PINGS];
            long[] ack = new long[PINGS];
            long next = System.nanoTime();
            for (int i = -WARMUP; i < PINGS; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                }
                next += SPACING_NANOS;
                int b = Math.floorMod(i, BASES);
                String record = airtable.create(bases.get(b), SIGNALS, Map.of("fldSigTitle", "signal " + i));
                long sent = System.nanoTime();
                assertThat(airtable.ping(webhooks.get(b))).isEqualTo(204);
                long acked = System.nanoTime();
                long deadline = sent + TimeUnit.SECONDS.toNanos(30);
                while (!arrivals.containsKey(record) && System.nanoTime() < deadline) {
                    Thread.sleep(0, 200_000);
                }
                assertThat(arrivals).containsKey(record);
                if (i >= 0) {
                    latency[i] = arrivals.get(record) - sent;
                    ack[i] = acked - sent;
                }
            }
            String report = String.format(
                    "sync-service ping -> airtable.signal.synced on Kafka, %d pings (after %d warm-up), %d bases, one at a time%n"
                            + "  ping->event  p50 %s  p90 %s  p99 %s  max %s%n"
                            + "  ping ack     p50 %s  p90 %s  p99 %s  max %s%n",
                    PINGS,
                    WARMUP,
                    BASES,
                    ms(latency, 50),
                    ms(latency, 90),
                    ms(latency, 99),
                    ms(latency, 100),
                    ms(ack, 50),
                    ms(ack, 90),
                    ms(ack, 99),
                    ms(ack, 100));
            System.out.print(report);
            write(report);
        }
    }

    private static String ms(long[] values, int percentile) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return String.format("%.1f ms", sorted[Math.max(index, 0)] / 1e6);
    }

    private static void write(String report) throws IOException {
        Files.writeString(Path.of("target", "ping-latency.txt"), report);
    }

    /** Records when each record key arrives on the airtable-sync topic (every partition, no group). */
    static final class Arrivals implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final Thread thread;
        private volatile boolean running = true;

        Arrivals(Map<String, Long> arrivals) {
            Properties p = new Properties();
            p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
            p.put("enable.auto.commit", "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topic.AIRTABLE_SYNC.topicName()).stream()
                    .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(
                    () -> {
                        while (running) {
                            consumer.poll(Duration.ofMillis(50))
                                    .forEach(r -> arrivals.putIfAbsent(r.key(), System.nanoTime()));
                        }
                        consumer.close();
                    },
                    "latency-consumer");
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join(5000);
        }
    }
}
