package org.civstart.signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civstart.signal.support.Api.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.assertj.core.data.Offset;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.signal.support.Api;
import org.civstart.testing.EventRecorder;
import org.civstart.testing.RealKafkaAndPostgres;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The /analytics page: response and interest rates of assignments, connections and pool requests by
 * status, credits spent by tier, over 7 and 30 days; {@code GET /api/analytics} for the first load and
 * {@code analytics.updated} (debounced) after changes. The database is shared with the other test
 * classes, so the tests compare before and after.
 */
@QuarkusTest
@WithTestResource(
        value = RealKafkaAndPostgres.class,
        initArgs = @ResourceArg(name = "database", value = "signal_service"))
class AnalyticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode analytics() {
        try {
            return JSON.readTree(admin().get("/api/analytics")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long delta(JsonNode before, JsonNode after, int window, String path) {
        return at(after, window, path) - at(before, window, path);
    }

    private static long at(JsonNode analytics, int window, String path) {
        JsonNode n = analytics.path("windows").get(window);
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n.asLong();
    }

    @Test
    void assignmentsConnectionsPoolRequestsAndCreditsAreCountedPerWindow() {
        JsonNode before = analytics();
        assertThat(before.path("windows"))
                .extracting(w -> w.path("days").asInt())
                .containsExactly(7, 30);

        UUID signal = Api.signalIn("approved", 0);
        List<UUID> startups = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            startups.add(Api.startup());
        }
        List<String> assignments = admin().body(Map.of("startupIds", startups))
                .post("/api/signals/" + signal + "/assignments")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(startups.get(0))
                .post("/api/assignments/" + assignments.get(0) + "/view")
                .then()
                .statusCode(200);
        Api.as(startups.get(1))
                .body(Map.of("response", "interested"))
                .post("/api/assignments/" + assignments.get(1) + "/response")
                .then()
                .statusCode(200);
        Api.as(startups.get(2))
                .body(Map.of("response", "declined"))
                .post("/api/assignments/" + assignments.get(2) + "/response")
                .then()
                .statusCode(200);

        Api.as(startups.get(0))
                .body(Map.of("targetType", "organization", "targetId", "recORG1", "targetName", "DOE"))
                .post("/api/connections")
                .then()
                .statusCode(201);
        String approved = Api.as(startups.get(1))
                .body(Map.of("targetType", "contact", "targetId", "recCON1", "targetName", "Dana"))
                .post("/api/connections")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin().body(Map.of("status", "approved"))
                .post("/api/connections/" + approved + "/status")
                .then()
                .statusCode(200);

        UUID pool = Api.signalIn("published", 3);
        UUID growth = Api.startup("Growth " + UUID.randomUUID(), List.of("energy"), "growth");
        Api.allocate(growth, 5);
        String request = Api.as(growth)
                .body(Map.of("signalId", pool))
                .post("/api/pool-requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        admin().post("/api/pool-requests/" + request + "/approve").then().statusCode(200);

        JsonNode after = analytics();
        for (int w = 0; w < 2; w++) {
            assertThat(delta(before, after, w, "assignments.created")).isEqualTo(4 + 1); // and the pool assignment
            assertThat(delta(before, after, w, "assignments.viewed")).isEqualTo(3); // answering counts as viewing
            assertThat(delta(before, after, w, "assignments.responded")).isEqualTo(2);
            assertThat(delta(before, after, w, "assignments.interested")).isEqualTo(1);
            assertThat(delta(before, after, w, "assignments.declined")).isEqualTo(1);
            assertThat(delta(before, after, w, "connectionsByStatus.pending")).isEqualTo(1);
            assertThat(delta(before, after, w, "connectionsByStatus.approved")).isEqualTo(1);
            assertThat(delta(before, after, w, "poolRequestsByStatus.approved")).isEqualTo(1);
            assertThat(delta(before, after, w, "creditsSpentByTier.growth")).isEqualTo(3);
            assertThat(delta(before, after, w, "creditsSpentByTier.starter")).isZero();
            JsonNode a = after.path("windows").get(w).path("assignments");
            assertThat(a.path("responseRate").asDouble())
                    .isCloseTo(
                            (double) a.path("responded").asLong()
                                    / a.path("created").asLong(),
                            Offset.offset(0.0001));
            assertThat(a.path("interestRate").asDouble())
                    .isCloseTo(
                            (double) a.path("interested").asLong()
                                    / a.path("responded").asLong(),
                            Offset.offset(0.0001));
        }
        Api.as(startups.get(0)).get("/api/analytics").then().statusCode(403);
    }

    /** A burst of answers: a few analytics.updated for the admins, the last one with the final numbers. */
    @Test
    void analyticsUpdatedFollowsChangesDebounced() {
        try (EventRecorder metrics = EventRecorder.on(Topic.METRICS)) {
            UUID signal = Api.signalIn("approved", 0);
            List<UUID> startups = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                startups.add(Api.startup());
            }
            List<String> assignments = admin().body(Map.of("startupIds", startups))
                    .post("/api/signals/" + signal + "/assignments")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
            long created = at(analytics(), 0, "assignments.created");
            // the assignments have been reported: the analytics are quiet
            metrics.await(1, r -> isAnalytics(r) && at(data(r), 0, "assignments.created") == created);
            Instant start = Instant.now();
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                Api.as(startups.get(i))
                        .body(Map.of("response", i % 2 == 0 ? "interested" : "declined"))
                        .post("/api/assignments/" + assignments.get(i) + "/response")
                        .then()
                        .statusCode(200);
            }
            double burstSeconds = (System.nanoTime() - t0) / 1e9;
            long responded = at(analytics(), 0, "assignments.responded");
            ConsumerRecord<String, String> last = metrics.await(
                            1, r -> isAnalytics(r) && at(data(r), 0, "assignments.responded") == responded)
                    .get(0);
            assertThat(CloudEvent.header(last.headers(), CloudEvent.AUDIENCE)).isEqualTo("admin");
            assertThat(last.key()).isEqualTo("analytics");
            long emitted = metrics.records().stream()
                    .filter(r -> isAnalytics(r)
                            && !Instant.parse(CloudEvent.header(r.headers(), CloudEvent.TIME))
                                    .isBefore(start))
                    .count();
            System.out.printf(
                    "analytics debounce: 10 answers in %.3f s -> %d analytics.updated%n", burstSeconds, emitted);
            // at most one per second while the burst lasts, plus the trailing one with the final state
            assertThat(emitted).isBetween(1L, 2L + (long) Math.floor(burstSeconds));
        }
    }

    private static boolean isAnalytics(ConsumerRecord<String, String> r) {
        return EventType.ANALYTICS_UPDATED.type().equals(CloudEvent.header(r.headers(), CloudEvent.TYPE));
    }

    private static JsonNode data(ConsumerRecord<String, String> r) {
        try {
            return JSON.readTree(r.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
