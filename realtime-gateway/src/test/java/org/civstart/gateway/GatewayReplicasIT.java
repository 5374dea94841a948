package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;
import org.civstart.testing.TestTokens;
import org.civstart.testing.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two gateway replicas as separate processes of the packaged application, on one real Kafka:
 * both deliver every event, and a client resumes on the other replica with the position the
 * first one gave it — also when the first replica dies.
 */
class GatewayReplicasIT {

    private static final List<ServiceProcess> replicas = new ArrayList<>();
    private static ServiceProcess one;
    private static ServiceProcess two;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        one = start();
        two = start();
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(ServiceProcess::close);
    }

    private static ServiceProcess start() throws IOException {
        ServiceProcess replica = ServiceProcess.start(
                "gateway",
                Path.of(System.getProperty("civstart.gateway.jar", "target/quarkus-app/quarkus-run.jar")),
                Map.of(
                        "kafka.bootstrap.servers",
                        Infrastructure.kafka().bootstrapServers(),
                        "civstart.gateway.history-per-partition",
                        "40"),
                "-Xmx256m");
        replicas.add(replica);
        return replica;
    }

    private static URI client(ServiceProcess replica) {
        return replica.ws("/client");
    }

    private static List<Integer> balances(WsClient c) {
        return c.events().stream()
                .filter(f -> f.path("event").asText().equals("credits:allocated"))
                .map(f -> f.path("data").path("balance").asInt())
                .toList();
    }

    /** credits.allocated: one frame per event (credits.updated has a second one, its legacy alias credits:changed). */
    private static void publish(UUID startup, int from, int count) {
        for (int i = from; i < from + count; i++) {
            TestEvents.publish(
                    EventType.CREDITS_ALLOCATED,
                    startup.toString(),
                    startup,
                    Map.of("startupId", startup.toString(), "balance", i));
        }
    }

    @Test
    void bothReplicasDeliverAndAClientResumesOnTheOther() {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String position;
        try (WsClient first = WsClient.connect(client(one), token);
                WsClient second = WsClient.connect(client(two), token)) {
            first.awaitEvent("system:welcome");
            second.awaitEvent("system:welcome");
            publish(startup, 0, 5);
            first.awaitEvents(5);
            second.awaitEvents(5);
            assertThat(balances(first)).containsExactly(0, 1, 2, 3, 4);
            assertThat(balances(second)).containsExactly(0, 1, 2, 3, 4);
            position = first.lastPosition();
        }
        // disconnected from replica 1; events go on; reconnect to replica 2 with replica 1's position
        publish(startup, 5, 60); // more than replica 2 keeps in memory: part of it comes from Kafka
        try (WsClient again = WsClient.connect(client(two), token)) {
            again.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            again.awaitEvent("system:resumed");
            List<Integer> expected = new ArrayList<>();
            for (int i = 5; i < 65; i++) {
                expected.add(i);
            }
            assertThat(balances(again)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void whenAReplicaDiesItsClientsResumeOnTheOtherWithoutAGap() throws Exception {
        ServiceProcess doomed = start();
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        WsClient onDoomed = WsClient.connect(client(doomed), token);
        onDoomed.awaitEvent("system:welcome");
        publish(startup, 0, 3);
        onDoomed.awaitEvents(3);
        String position = onDoomed.lastPosition();

        doomed.kill();
        publish(startup, 3, 10); // while the client has no connection at all
        try (WsClient survivor = WsClient.connect(client(one), token)) {
            survivor.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            JsonNode resumed = survivor.awaitEvent("system:resumed");
            assertThat(resumed.path("data").path("replayed").asInt()).isEqualTo(10);
            assertThat(balances(survivor)).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } finally {
            onDoomed.abort();
        }
    }

    private static WsClient admin(ServiceProcess replica, String sub) {
        WsClient c = WsClient.connect(replica.ws("/admin"), TestTokens.admin(sub));
        c.awaitEvent("system:welcome");
        return c;
    }

    private static void awaitSaved(WsClient c, long version) {
        c.await(f -> "system:subscribed".equals(f.path("event").asText())
                && f.path("data").path("saved").path("version").asLong() == version);
    }

    /**
     * Saved preferences come from the compacted topic that every replica reads whole: open sockets on
     * every replica get a change at once, and a replica started later applies what was saved before.
     */
    @Test
    void everyReplicaAppliesTheSameSavedPreferencesAlsoOneStartedLater() throws Exception {
        String sub = "admin-" + UUID.randomUUID();
        UUID mine = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        try (WsClient onOne = admin(one, sub);
                WsClient onTwo = admin(two, sub)) {
            TestEvents.savePreferences(sub, List.of("credits:*", "startup:*"), List.of(mine.toString()), List.of(), 1);
            awaitSaved(onOne, 1);
            awaitSaved(onTwo, 1);

            ServiceProcess late = start(); // ready only after it read the whole preferences topic
            try (WsClient onLate = admin(late, sub)) {
                String wanted = TestEvents.publish(
                        EventType.CREDITS_UPDATED, mine.toString(), mine, Map.of("startupId", mine.toString()));
                String unwanted = TestEvents.publish(
                        EventType.CREDITS_UPDATED, other.toString(), other, Map.of("startupId", other.toString()));
                String fence = TestEvents.publish(
                        EventType.STARTUP_UPDATED, mine.toString(), mine, Map.of("startupId", mine.toString()));
                for (WsClient c : List.of(onOne, onTwo, onLate)) {
                    c.await(f -> fence.equals(f.path("id").asText()));
                    assertThat(c.events())
                            .extracting(f -> f.path("id").asText())
                            .contains(wanted)
                            .doesNotContain(unwanted);
                }
                TestEvents.savePreferences(sub, List.of("signal:*"), List.of(), List.of(), 2);
                for (WsClient c : List.of(onOne, onTwo, onLate)) {
                    awaitSaved(c, 2);
                }
            } finally {
                late.close();
            }
        }
    }

    /** SIGTERM: every client hears 1001 "going away" (reconnect elsewhere and resume at once), none a plain 1000. */
    @Test
    void aStoppingReplicaTellsEveryClientItIsGoingAway() throws Exception {
        ServiceProcess stopping = start();
        List<WsClient> clients = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            WsClient c = WsClient.connect(client(stopping), TestTokens.startup(UUID.randomUUID()));
            c.awaitEvent("system:welcome");
            clients.add(c);
        }
        stopping.close();
        List<Integer> codes =
                clients.stream().map(c -> c.awaitClose(Duration.ofSeconds(30))).toList();
        assertThat(codes).hasSize(200).containsOnly(1001);
    }
}
