package org.civstart.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.civstart.events.EventType;
import org.civstart.testing.Infrastructure;
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

    private static final List<Process> replicas = new ArrayList<>();
    private static int port1;
    private static int port2;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        port1 = freePort();
        port2 = freePort();
        replicas.add(start(port1));
        replicas.add(start(port2));
        awaitReady(port1);
        awaitReady(port2);
    }

    @AfterAll
    static void stopReplicas() {
        replicas.forEach(Process::destroy);
    }

    private static Process start(int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dkafka.bootstrap.servers=" + Infrastructure.kafka().bootstrapServers(),
                "-Dgateway.history-per-partition=40"));
        TestTokens.config().forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(System.getProperty("gateway.jar", "target/quarkus-app/quarkus-run.jar"));
        Path log = Files.createTempFile("gateway-" + port, ".log");
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitReady(int port) {
        HttpClient http = HttpClient.newHttpClient();
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static URI client(int port) {
        return URI.create("ws://localhost:" + port + "/client");
    }

    private static List<Integer> balances(WsClient c) {
        return c.events().stream().filter(f -> f.path("event").asText().equals("credits:updated"))
                .map(f -> f.path("data").path("balance").asInt()).toList();
    }

    private static void publish(UUID startup, int from, int count) {
        for (int i = from; i < from + count; i++) {
            TestEvents.publish(EventType.CREDITS_UPDATED, startup.toString(), startup, Map.of("startupId", startup.toString(), "balance", i));
        }
    }

    @Test
    void bothReplicasDeliverAndAClientResumesOnTheOther() {
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        String position;
        try (WsClient one = WsClient.connect(client(port1), token); WsClient two = WsClient.connect(client(port2), token)) {
            one.awaitEvent("system:welcome");
            two.awaitEvent("system:welcome");
            publish(startup, 0, 5);
            one.awaitEvents(5);
            two.awaitEvents(5);
            assertThat(balances(one)).containsExactly(0, 1, 2, 3, 4);
            assertThat(balances(two)).containsExactly(0, 1, 2, 3, 4);
            position = one.lastPosition();
        }
        // disconnected from replica 1; events go on; reconnect to replica 2 with replica 1's position
        publish(startup, 5, 60); // more than replica 2 keeps in memory: part of it comes from Kafka
        try (WsClient again = WsClient.connect(client(port2), token)) {
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
        int port3 = freePort();
        Process doomed = start(port3);
        replicas.add(doomed);
        awaitReady(port3);
        UUID startup = UUID.randomUUID();
        String token = TestTokens.startup(startup);
        WsClient onDoomed = WsClient.connect(client(port3), token);
        onDoomed.awaitEvent("system:welcome");
        publish(startup, 0, 3);
        onDoomed.awaitEvents(3);
        String position = onDoomed.lastPosition();

        doomed.destroyForcibly().waitFor();
        publish(startup, 3, 10); // while the client has no connection at all
        try (WsClient survivor = WsClient.connect(client(port1), token)) {
            survivor.send("{\"op\":\"resume\",\"position\":\"" + position + "\"}");
            JsonNode resumed = survivor.awaitEvent("system:resumed");
            assertThat(resumed.path("data").path("replayed").asInt()).isEqualTo(10);
            assertThat(balances(survivor)).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        } finally {
            onDoomed.abort();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
