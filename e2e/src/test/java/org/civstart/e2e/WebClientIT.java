package org.civstart.e2e;

import static org.civstart.e2e.Services.with;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.civstart.infra.PostgresServer;
import org.civstart.testing.Infrastructure;
import org.civstart.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The browser SDK (clients/web, {@code @civstart/realtime}) and the /console page against the real
 * thing: two packaged gateway replicas, signal-service and notification-service as separate
 * processes on a real Kafka broker and a real PostgreSQL server. The tests themselves are
 * JavaScript — the SDK's integration tests in Node ({@code npm run test:it}, clients/web/it/) and
 * the console in headless Chromium ({@code npm run test:browser}, clients/web/browser/) — and act
 * on the system through {@link ControlServer} (tokens, Kafka events, replica stop/kill/start) and
 * the services' REST APIs. The URLs reach them in environment variables.
 *
 * <p>Replica {@code a} keeps the default history (1,000 events per partition); replica {@code b}
 * keeps 20, so resumes on it read Kafka, and a client whose gap was cut from Kafka is told to
 * resync.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientIT {

    private static final List<AutoCloseable> running = new ArrayList<>();
    private static final Services services = new Services();
    private static final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void startEverything() throws Exception {
        String kafka = Infrastructure.kafka().bootstrapServers();
        PostgresServer pg = Infrastructure.postgres();
        pg.createDatabase("signal_web");
        pg.createDatabase("notification_web");
        GreenMail smtp =
                new GreenMail(new ServerSetup(ServiceProcess.freePort(), "localhost", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        running.add(smtp::stop);
        running.add(services);

        Map<String, String> db = Map.of(
                "kafka.bootstrap.servers",
                kafka,
                "quarkus.datasource.username",
                PostgresServer.USER,
                "quarkus.datasource.password",
                "");
        GatewayReplica a = new GatewayReplica("gateway-a", Map.of("kafka.bootstrap.servers", kafka));
        GatewayReplica b = new GatewayReplica(
                "gateway-b", Map.of("kafka.bootstrap.servers", kafka, "civstart.gateway.history-per-partition", "20"));
        CompletableFuture<ServiceProcess> signal =
                services.start("signal-service", with(db, "quarkus.datasource.jdbc.url", pg.jdbcUrl("signal_web")));
        // the console served by gateway a reads the unread count from notification-service: another origin
        CompletableFuture<ServiceProcess> notification = services.start(
                "notification-service",
                with(
                        db,
                        "quarkus.datasource.jdbc.url",
                        pg.jdbcUrl("notification_web"),
                        "quarkus.mailer.host",
                        "localhost",
                        "quarkus.mailer.port",
                        String.valueOf(smtp.getSmtp().getPort()),
                        "quarkus.http.cors.enabled",
                        "true",
                        "quarkus.http.cors.origins",
                        a.url()));
        running.add(a);
        running.add(b);
        ControlServer control = new ControlServer(kafka, Infrastructure.kafka().admin(), Map.of("a", a, "b", b));
        running.add(control);
        signal.get();
        notification.get();
        // one after the other: a 2-core machine starting four JVMs at once starves the broker
        startReplica(a);
        startReplica(b);

        env.put("GATEWAY_A", a.url());
        env.put("GATEWAY_B", b.url());
        env.put("SIGNAL_URL", signal.get().url(""));
        env.put("NOTIFICATION_URL", notification.get().url(""));
        env.put("CONTROL_URL", control.url());
        System.out.println("WebClientIT: " + env);
        holdForManualRuns();
    }

    /**
     * {@code -Dwebclient.hold=<minutes>}: keep the system up and print the environment, to run
     * {@code npm run test:it} / {@code test:browser} (or a single file) by hand while working on clients/web.
     */
    private static void holdForManualRuns() throws InterruptedException {
        long minutes = Long.getLong("webclient.hold", 0);
        if (minutes > 0) {
            StringBuilder exports = new StringBuilder();
            env.forEach((k, v) ->
                    exports.append("export ").append(k).append('=').append(v).append('\n'));
            System.err.println("WebClientIT holds the system for " + minutes + " min; in clients/web:\n" + exports);
            try {
                Files.writeString(Npm.CLIENTS_WEB.resolve("target/it-env.sh"), exports);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Thread.sleep(minutes * 60_000);
        }
    }

    private static void startReplica(GatewayReplica r) {
        try {
            r.start();
        } catch (Exception e) {
            throw new IllegalStateException("gateway did not start", e);
        }
    }

    @AfterAll
    static void stopEverything() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    /**
     * Delivery by room and audience, resume after server- and client-side drops (also timed between
     * the welcome and the first replayed frame), token refresh on 1008, authFailed on 401/403, resync,
     * filters, alias dedupe, the backoff spread of 5,000 clients whose replica dies, and a reconnect
     * storm. The spread and storm figures are printed (no timed assertions).
     */
    @Test
    @Order(1)
    void sdkAgainstTheRealGateway() throws Exception {
        Npm.run("test:it", env, Duration.ofMinutes(20));
    }

    /** The console in headless Chromium: a REST change appears, offline indicator, no gap after a restart, the unread badge. */
    @Test
    @Order(2)
    void consoleInHeadlessChromium() throws Exception {
        Npm.run("test:browser", env, Duration.ofMinutes(6));
    }
}
