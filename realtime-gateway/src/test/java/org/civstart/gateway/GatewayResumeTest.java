package org.civstart.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.gateway.routing.Router;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.RealKafka;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Never a silent gap: a client that reconnects with its last position gets exactly what it
 * missed, in order, from memory or Kafka, or is told to resync; a slow client is cut loose.
 * (The test profile keeps 40 events per partition in memory and 16 frames per connection queue.)
 */
@QuarkusTest
@WithTestResource(RealKafka.class)
class GatewayResumeTest {

    @TestHTTPResource("/client")
    URI client;

    @TestHTTPResource("/admin")
    URI admin;

    @Inject
    Router router;

    private WsClient connect(UUID startup) {
        WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup));
        c.awaitEvent("system:welcome");
        return c;
    }

    /** credits.allocated: one frame per event (credits.updated has a second one, its legacy alias credits:changed). */
    private static List<Integer> publishCredits(UUID startup, int from, int count) {
        List<Integer> balances = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            TestEvents.publish(
                    EventType.CREDITS_ALLOCATED,
                    startup.toString(),
                    startup,
                    Map.of("startupId", startup.toString(), "balance", i));
            balances.add(i);
        }
        return balances;
    }

    private static List<Integer> balances(List<JsonNode> frames) {
        return frames.stream()
                .filter(f -> f.path("event").asText().equals("credits:allocated"))
                .map(f -> f.path("data").path("balance").asInt())
                .toList();
    }

    @Test
    void eventsPublishedRightAfterConnectingAreNotLost() {
        UUID startup = UUID.randomUUID();
        try (WsClient c = connect(startup)) {
            publishCredits(startup, 0, 3);
            c.awaitEvents(3);
            assertThat(balances(c.events())).containsExactly(0, 1, 2);
        }
    }

    @Test
    void resumeFromMemoryDeliversExactlyWhatWasMissedInOrder() {
        UUID startup = UUID.randomUUID();
        String position;
        try (WsClient c = connect(startup)) {
            publishCredits(startup, 0, 3);
            c.awaitEvents(3);
            position = c.lastPosition();
        }
        List<Integer> missed = publishCredits(startup, 3, 5);
        publishCredits(UUID.randomUUID(), 0, 5); // another startup's events: never delivered here

        try (WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup))) {
            c.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            JsonNode resumed = c.awaitEvent("system:resumed");
            assertThat(resumed.path("data").path("source").asText()).isEqualTo("memory");
            assertThat(balances(c.events())).containsExactlyElementsOf(missed);

            // and live delivery continues after the replay, without duplicates
            publishCredits(startup, 8, 2);
            c.awaitEvents(7);
            assertThat(balances(c.events())).containsExactly(3, 4, 5, 6, 7, 8, 9);
        }
    }

    @Test
    void resumeWithThePositionInTheUpgradeUrl() {
        UUID startup = UUID.randomUUID();
        String position;
        try (WsClient c = connect(startup)) {
            position = c.lastPosition();
        }
        List<Integer> missed = publishCredits(startup, 0, 4);
        URI withPosition = URI.create(
                GatewayAuthTest.ws(client) + "?position=" + URLEncoder.encode(position, StandardCharsets.UTF_8));
        try (WsClient c = WsClient.connect(withPosition, TestTokens.startup(startup))) {
            c.awaitEvent("system:resumed");
            assertThat(balances(c.events())).containsExactlyElementsOf(missed);
        }
    }

    /**
     * A client that connects with {@code ?position=} is welcomed with that position, never the live
     * head: here the socket drops after the welcome, before the first replayed frame, and the client
     * reconnects from the newest position it really received — the welcome's — and misses nothing.
     */
    @Test
    void theWelcomeOfAResumingConnectionCarriesTheRequestedPositionNotTheHead() {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String position;
        try (WsClient c = connect(startup)) {
            publishCredits(startup, 0, 1);
            c.awaitEvents(1);
            position = c.lastPosition();
        }
        List<Integer> missed = publishCredits(startup, 1, 5);

        // reads the first frame only (the welcome), then loses its network
        WsClient dropped = WsClient.connect(withPosition(position), token, WsClient.Auth.HEADER, false);
        JsonNode welcome = dropped.awaitEvent("system:welcome");
        dropped.abort();
        assertThat(dropped.frames()).hasSize(1);
        assertThat(welcome.path("position").asText()).isEqualTo(position);
        assertThat(welcome.path("data").path("userId").asText()).isEqualTo("user-of-" + startup);
        assertThat(welcome.path("data").path("startupId").asText()).isEqualTo(startup.toString());

        String received = dropped.lastPosition();
        try (WsClient again = WsClient.connect(withPosition(received), token)) {
            again.awaitEvent("system:resumed");
            assertThat(balances(again.events())).containsExactlyElementsOf(missed);
        }
    }

    /** Replays use the same audience rule as live delivery: a teammate's per-user events are not replayed to me. */
    @Test
    void replaysDeliverAUsersEventsToThatUserOnly() {
        UUID startup = UUID.randomUUID();
        String alice = TestTokens.sign("alice-" + startup, Set.of("startup"), startup.toString(), Duration.ofHours(1));
        String bob = TestTokens.sign("bob-" + startup, Set.of("startup"), startup.toString(), Duration.ofHours(1));
        String position;
        try (WsClient c = WsClient.connect(GatewayAuthTest.ws(client), alice)) {
            position = c.awaitEvent("system:welcome").path("position").asText();
        }
        String forAlice = TestEvents.publishForUser(
                EventType.NOTIFICATION_COUNT_CHANGED,
                "alice-" + startup,
                startup,
                Map.of("recipient", "alice-" + startup, "unreadCount", 1));
        String forBob = TestEvents.publishForUser(
                EventType.NOTIFICATION_COUNT_CHANGED,
                "bob-" + startup,
                startup,
                Map.of("recipient", "bob-" + startup, "unreadCount", 2));
        List<Integer> shared = publishCredits(startup, 0, 1);
        for (String[] who : new String[][] {{alice, forAlice, forBob}, {bob, forBob, forAlice}}) {
            try (WsClient c = WsClient.connect(withPosition(position), who[0])) {
                c.awaitEvent("system:resumed");
                assertThat(c.events())
                        .extracting(f -> f.path("id").asText())
                        .contains(who[1])
                        .doesNotContain(who[2]);
                assertThat(balances(c.events())).containsExactlyElementsOf(shared);
            }
        }
    }

    @Test
    void aNewConnectionIsWelcomedWithTheHeadAndItsUser() {
        try (WsClient a = WsClient.connect(GatewayAuthTest.ws(admin), TestTokens.admin("admin-ada"))) {
            JsonNode welcome = a.awaitEvent("system:welcome");
            assertThat(welcome.path("position").asText()).isNotBlank();
            assertThat(welcome.path("data").path("userId").asText()).isEqualTo("admin-ada");
            assertThat(welcome.path("data").path("endpoint").asText()).isEqualTo("admin");
        }
    }

    private URI withPosition(String position) {
        return URI.create(
                GatewayAuthTest.ws(client) + "?position=" + URLEncoder.encode(position, StandardCharsets.UTF_8));
    }

    @Test
    void resumeAfterTheHistoryMovedOnReadsKafka() {
        UUID startup = UUID.randomUUID();
        String position;
        try (WsClient c = connect(startup)) {
            publishCredits(startup, 0, 1);
            c.awaitEvents(1);
            position = c.lastPosition();
        }
        // far more than the 40 events per partition kept in memory
        List<Integer> missed = publishCredits(startup, 1, 150);
        try (WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup))) {
            c.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            JsonNode resumed = c.awaitEvent("system:resumed");
            assertThat(resumed.path("data").path("source").asText()).isEqualTo("kafka");
            assertThat(resumed.path("data").path("replayed").asLong()).isEqualTo(150);
            assertThat(balances(c.events())).containsExactlyElementsOf(missed);
        }
    }

    @Test
    void aGapBeyondKafkasRetentionIsAnnouncedNotSilent() throws Exception {
        UUID startup = UUID.randomUUID();
        String position;
        try (WsClient c = connect(startup)) {
            publishCredits(startup, 0, 1);
            c.awaitEvents(1);
            position = c.lastPosition();
        }
        publishCredits(startup, 1, 60);
        // retention: Kafka drops everything published so far on every credits partition
        try (Admin admin = Infrastructure.kafka().admin()) {
            Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
            for (int p = 0; p < Infrastructure.TEST_PARTITIONS; p++) {
                TopicPartition tp = new TopicPartition("credits", p);
                long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest()))
                        .all()
                        .get()
                        .get(tp)
                        .offset();
                delete.put(tp, RecordsToDelete.beforeOffset(end));
            }
            admin.deleteRecords(delete).all().get();
        }
        try (WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup))) {
            c.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            JsonNode resync = c.awaitEvent("system:resyncRequired");
            assertThat(resync.path("position").asText()).isNotBlank();
            // after the resync the connection is live
            publishCredits(startup, 100, 1);
            c.await(f -> f.path("data").path("balance").asInt() == 100);
        }
    }

    @Test
    void anUnreadablePositionIsAnErrorAndAResyncNeverAGuess() {
        UUID startup = UUID.randomUUID();
        try (WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup))) {
            c.send("{\"op\":\"resume\",\"position\":\"bm90LWEtcG9zaXRpb24\"}");
            c.await(f -> "invalid-position".equals(f.path("data").path("code").asText()));
            c.awaitEvent("system:resyncRequired");
        }
    }

    @Test
    void aPeerThatAnswersNoPingIsClosedAsDead() {
        // a client that never reads does not answer the gateway's pings (every 2 s in tests)
        WsClient silent = WsClient.connect(
                GatewayAuthTest.ws(client), TestTokens.startup(UUID.randomUUID()), WsClient.Auth.HEADER, false);
        WsClient healthy = connect(UUID.randomUUID());
        try {
            String connectionId = silent.awaitEvent("system:welcome")
                    .path("data")
                    .path("connectionId")
                    .asText();
            Awaitility.await().until(() -> router.subscription(connectionId) != null);
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> router.subscription(connectionId) == null);
            assertThat(healthy.isClosed())
                    .as("a client that answers pings stays")
                    .isFalse();
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .containsPattern("gateway_dead_peer_closes_total\\{endpoint=\"client\"[^}]*} [1-9]");
        } finally {
            silent.abort();
            healthy.close();
        }
    }

    @Test
    void aSlowClientIsClosedWithAResumableCodeAndItsSessionReleased() {
        UUID startup = UUID.randomUUID();
        WsClient slow =
                WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(startup), WsClient.Auth.HEADER, false);
        try {
            String connectionId = slow.awaitEvent("system:welcome")
                    .path("data")
                    .path("connectionId")
                    .asText();
            Awaitility.await().until(() -> router.subscription(connectionId) != null);
            String padding = "x".repeat(16_000);
            for (int i = 0; i < 1500 && router.subscription(connectionId) != null; i++) {
                TestEvents.publish(
                        EventType.CREDITS_UPDATED,
                        startup.toString(),
                        startup,
                        Map.of("startupId", startup.toString(), "balance", i, "note", padding));
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> router.subscription(connectionId) == null);
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("gateway_slow_client_closes_total\\{endpoint=\"client\"[^}]*} [1-9]");
        } finally {
            slow.abort();
        }
    }
}
