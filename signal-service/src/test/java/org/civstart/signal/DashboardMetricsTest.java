package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.signal.credits.CreditService;
import org.civstart.signal.support.Api;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class DashboardMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CreditService credits;

    @Test
    void changesReachTheStartupsDashboardAndTheAdmins() {
        try (EventRecorder metrics = EventRecorder.on(Topic.METRICS)) {
            UUID startup = Api.startup();
            Api.allocate(startup, 12);
            ConsumerRecord<String, String> mine = metrics.await(
                            1, r -> isFor(r, startup) && counter(r, "credits.balance") == 12)
                    .get(0);
            assertThat(CloudEvent.header(mine.headers(), CloudEvent.AUDIENCE)).isEqualTo("startup");
            assertThat(CloudEvent.header(mine.headers(), CloudEvent.TYPE)).isEqualTo(EventType.METRICS_UPDATED.type());
            assertThat(mine.key()).isEqualTo(startup.toString());
            ConsumerRecord<String, String> platform =
                    metrics.await(1, r -> "platform".equals(r.key())).get(0);
            assertThat(CloudEvent.header(platform.headers(), CloudEvent.AUDIENCE))
                    .isEqualTo("admin");
            assertThat(data(platform).get("counters").has("signals.published")).isTrue();
        }
        UUID s = Api.startup();
        Api.as(s)
                .get("/api/metrics")
                .then()
                .statusCode(200)
                .body("scope", equalTo("startup"))
                .body("counters.'credits.balance'", equalTo(0));
        Api.admin().get("/api/metrics").then().statusCode(200).body("scope", equalTo("platform"));
        Api.as(s).get("/api/metrics/startups/" + UUID.randomUUID()).then().statusCode(403);
    }

    /** 100 writes in a burst: a couple of metrics.updated for the startup, the last one with the final counters. */
    @Test
    void aBurstOfWritesIsDebounced() {
        try (EventRecorder metrics = EventRecorder.on(Topic.METRICS)) {
            UUID startup = Api.startup();
            metrics.await(1, r -> isFor(r, startup)); // its creation has been reported: the dashboard is quiet
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                credits.allocate(startup, 1, "burst " + i, null);
            }
            double writeSeconds = (System.nanoTime() - t0) / 1e9;
            metrics.await(1, r -> isFor(r, startup) && counter(r, "credits.balance") == 100);
            List<ConsumerRecord<String, String>> during = metrics.records().stream()
                    .filter(r -> isFor(r, startup) && !time(r).isBefore(start))
                    .toList();
            long platform = metrics.records().stream()
                    .filter(r -> "platform".equals(r.key()) && !time(r).isBefore(start))
                    .count();
            System.out.printf(
                    "metrics debounce: 100 writes in %.3f s -> %d metrics.updated for the startup, %d for the admins%n",
                    writeSeconds, during.size(), platform);
            // at most one per second while the burst lasts, plus the trailing one with the final state
            assertThat(during.size()).isBetween(1, 2 + (int) Math.floor(writeSeconds));
            assertThat(counter(during.get(during.size() - 1), "credits.balance"))
                    .isEqualTo(100);
        }
    }

    private static boolean isFor(ConsumerRecord<String, String> r, UUID startup) {
        return startup.toString().equals(r.key())
                && EventType.METRICS_UPDATED.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE));
    }

    private static long counter(ConsumerRecord<String, String> r, String name) {
        return data(r).get("counters").path(name).asLong(-1);
    }

    private static Instant time(ConsumerRecord<String, String> r) {
        return Instant.parse(CloudEvent.header(r.headers(), CloudEvent.TIME));
    }

    private static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
