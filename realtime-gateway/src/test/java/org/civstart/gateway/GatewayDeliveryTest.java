package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.testing.RealKafka;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/** What reaches whom: audiences, rooms, filters, order, and what bad client frames get. */
@QuarkusTest
@WithTestResource(RealKafka.class)
class GatewayDeliveryTest {

    @TestHTTPResource("/admin")
    URI admin;

    @TestHTTPResource("/client")
    URI client;

    private WsClient admin() {
        WsClient c = WsClient.connect(GatewayAuthTest.ws(admin), TestTokens.admin());
        c.awaitEvent("system:welcome");
        return c;
    }

    private WsClient startup(UUID id) {
        WsClient c = WsClient.connect(GatewayAuthTest.ws(client), TestTokens.startup(id));
        c.awaitEvent("system:welcome");
        return c;
    }

    @Test
    void framesCarryTheCatalogNameIdPositionTimeAndData() {
        UUID startup = UUID.randomUUID();
        String signal = UUID.randomUUID().toString();
        try (WsClient a = admin();
                WsClient s = startup(startup)) {
            String id = TestEvents.publish(
                    EventType.SIGNAL_ASSIGNED,
                    signal,
                    startup,
                    Map.of("signalId", signal, "signalIdentifier", "SIG-ABC123", "startupId", startup.toString()));
            for (WsClient c : List.of(a, s)) {
                JsonNode f = c.await(x -> id.equals(x.path("id").asText()));
                assertThat(f.path("event").asText()).isEqualTo("signal:assigned");
                assertThat(f.path("position").asText()).isNotBlank();
                assertThat(f.path("time").asText()).isNotBlank();
                assertThat(f.path("data").path("signalIdentifier").asText()).isEqualTo("SIG-ABC123");
            }
        }
    }

    @Test
    void framesCarryActorAndCorrelationIdWhenTheEventHasThem() {
        UUID startup = UUID.randomUUID();
        try (WsClient s = startup(startup)) {
            var withContext = TestEvents.event(
                            EventType.CREDITS_UPDATED,
                            startup.toString(),
                            startup,
                            Map.of("startupId", startup.toString(), "balance", 1))
                    .withContext("admin-1", "req-\"42\"");
            String with = TestEvents.send(withContext, EventType.CREDITS_UPDATED.topic());
            String without = TestEvents.publish(
                    EventType.CREDITS_UPDATED,
                    startup.toString(),
                    startup,
                    Map.of("startupId", startup.toString(), "balance", 2));
            JsonNode f = s.await(x -> with.equals(x.path("id").asText()));
            assertThat(f.path("actor").asText()).isEqualTo("admin-1");
            assertThat(f.path("correlationId").asText()).isEqualTo("req-\"42\"");
            JsonNode g = s.await(x -> without.equals(x.path("id").asText()));
            assertThat(g.has("actor")).isFalse();
            assertThat(g.has("correlationId")).isFalse();
        }
    }

    /**
     * A {@code user} event (a read mark, an unread count) reaches every socket of that one user, on
     * either endpoint, and no one else: not the other users of the same startup, not the admins.
     */
    @Test
    void userEventsReachOnlyThatUsersSockets() {
        UUID startup = UUID.randomUUID();
        String alice = "alice-" + startup;
        String bob = "bob-" + startup;
        String adminSub = "admin-" + UUID.randomUUID();
        try (WsClient aliceTab1 = user(alice, startup);
                WsClient aliceTab2 = user(alice, startup);
                WsClient bobTab = user(bob, startup);
                WsClient admin = WsClient.connect(GatewayAuthTest.ws(this.admin), TestTokens.admin(adminSub));
                WsClient otherAdmin = admin()) {
            admin.awaitEvent("system:welcome");
            String forAlice = TestEvents.publishForUser(
                    EventType.NOTIFICATION_COUNT_CHANGED, alice, startup, Map.of("recipient", alice, "unreadCount", 3));
            String forAdmin = TestEvents.publishForUser(
                    EventType.NOTIFICATION_READ, adminSub, null, Map.of("recipient", adminSub));
            // a fence everyone receives: once it arrived, nothing else is in flight
            String fence = TestEvents.publish(EventType.SIGNAL_PUBLISHED, "fence", null, Map.of("signalId", "fence"));
            for (WsClient c : List.of(aliceTab1, aliceTab2, bobTab, admin, otherAdmin)) {
                c.await(f -> fence.equals(f.path("id").asText()));
            }
            assertThat(ids(aliceTab1.events())).contains(forAlice).doesNotContain(forAdmin);
            assertThat(ids(aliceTab2.events())).contains(forAlice).doesNotContain(forAdmin);
            assertThat(ids(bobTab.events())).doesNotContain(forAlice, forAdmin);
            assertThat(ids(admin.events())).contains(forAdmin).doesNotContain(forAlice);
            assertThat(ids(otherAdmin.events())).doesNotContain(forAlice, forAdmin);
        }
    }

    private WsClient user(String sub, UUID startup) {
        WsClient c = WsClient.connect(
                GatewayAuthTest.ws(client),
                TestTokens.sign(sub, Set.of("startup"), startup.toString(), Duration.ofHours(1)));
        c.awaitEvent("system:welcome");
        return c;
    }

    private static List<String> ids(List<JsonNode> frames) {
        return frames.stream().map(f -> f.path("id").asText()).toList();
    }

    @Test
    void metricsCountConnectionsFramesLatencyAndLag() {
        UUID startup = UUID.randomUUID();
        try (WsClient s = startup(startup)) {
            String id = TestEvents.publish(
                    EventType.CREDITS_DEDUCTED, startup.toString(), startup, Map.of("startupId", startup.toString()));
            s.await(f -> id.equals(f.path("id").asText()));
            Awaitility.await()
                    .untilAsserted(() -> assertThat(RestAssured.given()
                                    .get("/q/metrics")
                                    .then()
                                    .statusCode(200)
                                    .extract()
                                    .asString())
                            .containsPattern("gateway_connections\\{endpoint=\"client\"[^}]*} [1-9]")
                            .containsPattern("gateway_frames_out_total\\{event=\"credits:deducted\"[^}]*} [1-9]")
                            .contains("gateway_events_in_total{type=\"credits.deducted\"")
                            .contains("gateway_delivery_latency_seconds_bucket")
                            .contains("kafka_consumer_fetch_manager_records_lag"));
        }
    }

    @Test
    void legacyAliasesAreSentToo() {
        String signal = UUID.randomUUID().toString();
        try (WsClient a = admin()) {
            String id = TestEvents.publish(EventType.SIGNAL_MATCH_GENERATED, signal, null, Map.of("signalId", signal));
            a.await(f ->
                    id.equals(f.path("id").asText()) && f.path("event").asText().equals("signal:matchGenerated"));
            a.await(f ->
                    id.equals(f.path("id").asText()) && f.path("event").asText().equals("match:generated"));
        }
    }

    /**
     * Many startups with two users each, many events of every audience in random order: each user
     * receives exactly its startup's events, the public ones and its own {@code user} events, admins
     * receive every admin event, and no user ever receives a frame of another startup or of another
     * user — not even of a teammate. Each event is published once the previous one is acknowledged.
     */
    @Test
    void randomizedRoomsNeverLeakAcrossStartupsOrUsers() {
        new IsolationScenario(GatewayAuthTest.ws(admin), GatewayAuthTest.ws(client)).run(12, 2, 1, 300, 0, 42);
    }

    @Test
    void eventsOfOneAggregateArriveInCommitOrder() {
        UUID startup = UUID.randomUUID();
        try (WsClient a = admin();
                WsClient s = startup(startup)) {
            for (int i = 0; i < 200; i++) {
                TestEvents.publish(
                        EventType.CREDITS_UPDATED,
                        startup.toString(),
                        startup,
                        Map.of("startupId", startup.toString(), "balance", i));
            }
            for (WsClient c : List.of(a, s)) {
                c.await(f -> f.path("data").path("balance").asInt(-1) == 199
                        && startup.toString()
                                .equals(f.path("data").path("startupId").asText()));
                List<Integer> balances = c.events().stream()
                        .filter(f -> f.path("event").asText().equals("credits:updated"))
                        .filter(f -> startup.toString()
                                .equals(f.path("data").path("startupId").asText()))
                        .map(f -> f.path("data").path("balance").asInt())
                        .toList();
                assertThat(balances).hasSize(200).isSorted();
            }
        }
    }

    @Test
    void subscribeFiltersByEventPatternAndAdminsByStartupOrSignal() {
        UUID startup = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (WsClient s = startup(startup);
                WsClient a = admin()) {
            s.send("{\"op\":\"subscribe\",\"events\":[\"signal:*\"]}");
            s.awaitEvent("system:subscribed");
            a.send("{\"op\":\"subscribe\",\"startups\":[\"" + startup + "\"]}");
            a.awaitEvent("system:subscribed");

            String credits = TestEvents.publish(
                    EventType.CREDITS_UPDATED, startup.toString(), startup, Map.of("startupId", startup.toString()));
            String otherCredits = TestEvents.publish(
                    EventType.CREDITS_UPDATED, other.toString(), other, Map.of("startupId", other.toString()));
            String assigned = TestEvents.publish(EventType.SIGNAL_ASSIGNED, "s1", startup, Map.of("signalId", "s1"));

            s.await(f -> assigned.equals(f.path("id").asText()));
            a.await(f -> assigned.equals(f.path("id").asText()));
            assertThat(s.events()).extracting(f -> f.path("id").asText()).doesNotContain(credits);
            assertThat(a.events())
                    .extracting(f -> f.path("id").asText())
                    .contains(credits)
                    .doesNotContain(otherCredits);

            a.send("{\"op\":\"subscribe\",\"signals\":[\"s2\"]}");
            // the acknowledgement of this subscribe, not the first one's (still in the record): then s2 is in force
            a.await(f -> "system:subscribed".equals(f.path("event").asText())
                    && f.path("data").path("signals").toString().contains("\"s2\""));
            String s1 = TestEvents.publish(EventType.SIGNAL_UPDATED, "s1", null, Map.of("signalId", "s1"));
            String s2 = TestEvents.publish(EventType.SIGNAL_UPDATED, "s2", null, Map.of("signalId", "s2"));
            a.await(f -> s2.equals(f.path("id").asText()));
            assertThat(a.events()).extracting(f -> f.path("id").asText()).doesNotContain(s1);
        }
    }

    @Test
    void badClientFramesGetAnErrorFrameAndTheConnectionLivesOn() {
        UUID startup = UUID.randomUUID();
        try (WsClient s = startup(startup)) {
            s.send("this is not json");
            s.await(f -> "malformed-json".equals(f.path("data").path("code").asText()));
            s.send("{\"op\":\"dance\"}");
            s.await(f -> "unknown-op".equals(f.path("data").path("code").asText()));
            s.send("{\"op\":\"subscribe\",\"events\":[\"sig*nal*\"]}");
            s.await(f ->
                    "invalid-subscription".equals(f.path("data").path("code").asText()));
            s.send("{\"op\":\"subscribe\",\"startups\":[\"" + UUID.randomUUID() + "\"]}");
            assertThat(s.await(f -> f.path("data").path("message").asText().contains("only admins"))
                            .path("event")
                            .asText())
                    .isEqualTo("system:error");
            s.send("{\"op\":\"resume\",\"position\":\"garbage!\"}");
            s.await(f -> "resume-not-allowed".equals(f.path("data").path("code").asText())
                    || "invalid-position".equals(f.path("data").path("code").asText()));
            s.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(10_000) + "\"}");
            s.await(f -> "frame-too-large".equals(f.path("data").path("code").asText()));

            String id = TestEvents.publish(
                    EventType.CREDITS_UPDATED, startup.toString(), startup, Map.of("startupId", startup.toString()));
            s.await(f -> id.equals(f.path("id").asText()));
            assertThat(s.isClosed()).isFalse();

            // beyond the hard limit the connection is closed with 1009 (message too big)
            s.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
            assertThat(s.awaitClose(Duration.ofSeconds(10))).isEqualTo(1009);
        }
    }

    /**
     * A client message above 64 KB ends with a real close frame carrying 1009, not a dropped socket
     * (which a browser reports as 1006): seen on the wire, as one frame and as fragments.
     */
    @Test
    void aMessageAbove64KbIsAnsweredWithACloseFrame1009OnTheWire() throws Exception {
        byte[] big = ("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (RawWebSocket ws = RawWebSocket.connect(client, TestTokens.startup(UUID.randomUUID()))) {
            ws.sendFrame(0x1, true, big);
            assertThat(ws.awaitEnding().closeCode()).as("one frame of 70 KB").isEqualTo(1009);
        }
        try (RawWebSocket ws = RawWebSocket.connect(client, TestTokens.startup(UUID.randomUUID()))) {
            int half = big.length / 2;
            ws.sendFrame(0x1, false, Arrays.copyOfRange(big, 0, half));
            ws.sendFrame(0x0, true, Arrays.copyOfRange(big, half, big.length));
            assertThat(ws.awaitEnding().closeCode()).as("two frames of 35 KB").isEqualTo(1009);
        }
    }
}
