package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.testing.RealKafka;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Saved admin preferences (compacted topic {@code preferences}, key = the admin's sub) are the
 * default filter of every connection of that admin: applied at connect, applied live to open
 * connections (announced with {@code system:subscribed}), narrowed by the connection's own
 * {@code subscribe}, used by replays too, and cleared by a tombstone.
 */
@QuarkusTest
@WithTestResource(RealKafka.class)
class GatewayPreferencesTest {

    @TestHTTPResource("/admin")
    URI admin;

    private WsClient connect(String adminSub) {
        WsClient c = WsClient.connect(GatewayAuthTest.ws(admin), TestTokens.admin(adminSub));
        c.awaitEvent("system:welcome");
        return c;
    }

    /** Saves preferences and waits until this socket of the admin was told about them (so the gateway has them). */
    private static JsonNode save(
            WsClient socket, String adminSub, List<String> events, List<String> startups, long version) {
        TestEvents.savePreferences(adminSub, events, startups, List.of(), version);
        return socket.await(f -> "system:subscribed".equals(f.path("event").asText())
                        && f.path("data").path("saved").path("version").asLong() == version)
                .path("data");
    }

    private static String credits(UUID startup, EventType type) {
        return TestEvents.publish(type, startup.toString(), startup, Map.of("startupId", startup.toString()));
    }

    private static String fence() {
        return TestEvents.publish(EventType.STARTUP_CREATED, "fence-" + UUID.randomUUID(), null, Map.of());
    }

    private static List<String> ids(WsClient c) {
        return c.events().stream().map(f -> f.path("id").asText()).toList();
    }

    @Test
    void aChangeAppliesToOpenConnectionsAtOnceAndToNewOnes() {
        String sub = "admin-" + UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (WsClient open = connect(sub);
                WsClient someoneElse = connect("admin-" + UUID.randomUUID())) {
            JsonNode subscribed = save(open, sub, List.of("credits:*", "startup:*"), List.of(mine.toString()), 1);
            assertThat(subscribed.path("events"))
                    .extracting(JsonNode::asText)
                    .containsExactlyInAnyOrder("credits:*", "startup:*");
            assertThat(subscribed.path("startups")).extracting(JsonNode::asText).containsExactly(mine.toString());
            assertThat(subscribed.path("saved").path("userId").asText()).isEqualTo(sub);

            try (WsClient later = connect(sub)) {
                String wanted = credits(mine, EventType.CREDITS_UPDATED);
                String otherStartup = credits(other, EventType.CREDITS_UPDATED);
                String otherType =
                        TestEvents.publish(EventType.SIGNAL_ASSIGNED, "s-1", mine, Map.of("signalId", "s-1"));
                String fence = TestEvents.publish(
                        EventType.STARTUP_UPDATED, mine.toString(), mine, Map.of("startupId", mine.toString()));
                for (WsClient c : List.of(open, later, someoneElse)) {
                    c.await(f -> fence.equals(f.path("id").asText()));
                }
                for (WsClient c : List.of(open, later)) {
                    assertThat(ids(c)).contains(wanted, fence).doesNotContain(otherStartup, otherType);
                }
                assertThat(ids(someoneElse))
                        .as("another admin's preferences never apply to me")
                        .contains(wanted, otherStartup, otherType, fence);
            }
        }
    }

    @Test
    void aConnectionsOwnSubscribeNarrowsFurther() {
        String sub = "admin-" + UUID.randomUUID();
        UUID startup = UUID.randomUUID();
        try (WsClient c = connect(sub)) {
            save(c, sub, List.of("credits:*"), List.of(), 1);
            c.send("{\"op\":\"subscribe\",\"events\":[\"credits:updated\",\"signal:*\"]}");
            // saved credits:* AND own [credits:updated, signal:*] = credits:updated
            JsonNode effective = c.await(
                            f -> "system:subscribed".equals(f.path("event").asText())
                                    && f.path("data").path("events").toString().contains("credits:updated"))
                    .path("data");
            assertThat(effective.path("events")).extracting(JsonNode::asText).containsExactly("credits:updated");
            assertThat(effective.path("saved").path("events").get(0).asText()).isEqualTo("credits:*");

            String deducted = credits(startup, EventType.CREDITS_DEDUCTED);
            String signal = TestEvents.publish(EventType.SIGNAL_CREATED, "s-2", null, Map.of("signalId", "s-2"));
            String updated = credits(startup, EventType.CREDITS_UPDATED);
            c.await(f -> updated.equals(f.path("id").asText()));
            assertThat(ids(c)).doesNotContain(deducted, signal);
        }
    }

    @Test
    void aTombstoneClearsTheSavedPreferences() {
        String sub = "admin-" + UUID.randomUUID();
        UUID startup = UUID.randomUUID();
        try (WsClient c = connect(sub)) {
            save(c, sub, List.of("credits:*"), List.of(), 1);
            TestEvents.clearPreferences(sub);
            JsonNode cleared = c.await(
                            f -> "system:subscribed".equals(f.path("event").asText())
                                    && f.path("data").path("saved").isNull())
                    .path("data");
            assertThat(cleared.path("events")).isEmpty();
            String signal = TestEvents.publish(EventType.SIGNAL_CREATED, "s-3", null, Map.of("signalId", "s-3"));
            c.await(f -> signal.equals(f.path("id").asText()));
            assertThat(credits(startup, EventType.CREDITS_UPDATED)).isNotNull();
        }
    }

    @Test
    void replaysApplyTheSameFilterAsLiveDelivery() {
        String sub = "admin-" + UUID.randomUUID();
        UUID startup = UUID.randomUUID();
        String position;
        try (WsClient c = connect(sub)) {
            save(c, sub, List.of("credits:*"), List.of(startup.toString()), 1);
            String first = credits(startup, EventType.CREDITS_UPDATED);
            position = c.await(f -> first.equals(f.path("id").asText()))
                    .path("position")
                    .asText();
        }
        String missedCredits = credits(startup, EventType.CREDITS_DEDUCTED);
        String missedOtherStartup = credits(UUID.randomUUID(), EventType.CREDITS_DEDUCTED);
        String missedSignal = TestEvents.publish(EventType.SIGNAL_CREATED, "s-4", null, Map.of("signalId", "s-4"));
        String missedLast = credits(startup, EventType.CREDITS_ALLOCATED);
        URI resume = URI.create(
                GatewayAuthTest.ws(admin) + "?position=" + URLEncoder.encode(position, StandardCharsets.UTF_8));
        try (WsClient c = WsClient.connect(resume, TestTokens.admin(sub))) {
            c.awaitEvent("system:resumed");
            assertThat(ids(c)).containsExactly(missedCredits, missedLast);
            assertThat(ids(c)).doesNotContain(missedOtherStartup, missedSignal);
        }
    }
}
